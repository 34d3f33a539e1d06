# The import ID is the ID of the source.
terraform import sailpoint_source_attribute_sync_config.ad 2c9180835d191a86015d28455b4a2329
