# A source's attribute sync config is imported by its identity (Terraform >= 1.12): the ID of its source.
import {
  to = sailpoint_source_attribute_sync_config.ad
  identity = {
    source_id = "2c9180835d191a86015d28455b4a2329"
  }
}
