# The import ID is the identity profile ID and the lifecycle state ID.
terraform import sailpoint_lifecycle_state.example 2c918012f4e1485ffbc284fdca14d2aa/2c9180835d191a86015d28455b4a2329
