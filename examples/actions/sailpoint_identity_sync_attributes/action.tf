# Push the synchronized attributes of one identity to its accounts as soon as the attribute
# sync config of a source changes. Run it on demand with
#   terraform apply -invoke=action.sailpoint_identity_sync_attributes.admin
action "sailpoint_identity_sync_attributes" "admin" {
  config {
    identity_id = data.sailpoint_identity.admin.id
  }
}

data "sailpoint_identity" "admin" {
  alias = "isc.admin"
}

resource "sailpoint_source_attribute_sync_config" "ad" {
  source_id          = sailpoint_source.ad.id
  enabled_attributes = ["email", "displayName"]

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.sailpoint_identity_sync_attributes.admin]
    }
  }
}
