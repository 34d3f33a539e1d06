# The members of a governance group are imported by the group's ID.
terraform import sailpoint_governance_group_members.example 2c91808568c529c60168cca6f90c1313
