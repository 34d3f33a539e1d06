# A source's correlation config is imported by the ID of its source.
import {
  to = sailpoint_source_correlation_config.hr
  id = "2c9180835d191a86015d28455b4a2329"
}
