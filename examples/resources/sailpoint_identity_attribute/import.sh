# An identity attribute is imported by its technical name.
terraform import sailpoint_identity_attribute.example costCenter
