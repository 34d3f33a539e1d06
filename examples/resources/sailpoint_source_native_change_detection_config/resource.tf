# Report accounts created or deleted directly on the directory, and any change to their group
# memberships or to their manager.
resource "sailpoint_source_native_change_detection_config" "ad" {
  source_id                           = sailpoint_source.ad.id
  enabled                             = true
  operations                          = ["ACCOUNT_CREATED", "ACCOUNT_DELETED", "ACCOUNT_UPDATED"]
  all_entitlements                    = true
  selected_non_entitlement_attributes = ["manager"]
}
