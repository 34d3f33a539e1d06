# A schema is imported by the ID of its source and its own ID.
terraform import sailpoint_source_schema.example 2c9180835d191a86015d28455b4a2329/2c9180835d191a86015d28455b4a2330
