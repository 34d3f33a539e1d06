# A governance group is imported by its ID.
terraform import sailpoint_governance_group.example 2c91808568c529c60168cca6f90c1313
