# An entitlement is imported by its ID, or by its source's ID and its value: SOURCE_ID/VALUE.
terraform import sailpoint_entitlement.example 2c9180857a1f3c41d0e4b6e2c3f0c302
terraform import sailpoint_entitlement.example 2c9180e731530f90eb0d532c39af38be/AP_APPROVER
