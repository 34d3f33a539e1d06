# An access profile is imported by its ID.
terraform import sailpoint_access_profile.example 2c91808a7813090a017814121919ecca
