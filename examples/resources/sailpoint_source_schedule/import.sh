# The import ID is the source ID and the schedule type, ACCOUNT_AGGREGATION or GROUP_AGGREGATION.
terraform import sailpoint_source_schedule.example 2c9180835d191a86015d28455b4a2329/ACCOUNT_AGGREGATION
