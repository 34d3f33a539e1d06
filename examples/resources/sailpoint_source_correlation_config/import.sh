# The import ID is the ID of the source.
terraform import sailpoint_source_correlation_config.hr 2c9180835d191a86015d28455b4a2329
