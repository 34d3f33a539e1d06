# Keep the accounts' e-mail and display name in step with their identities. Both must be mapped
# from the identity attribute by the source's CREATE provisioning policy.
resource "sailpoint_source_attribute_sync_config" "ad" {
  source_id          = sailpoint_source.ad.id
  enabled_attributes = ["email", "displayName"]

  depends_on = [sailpoint_source_provisioning_policy.ad_create]
}

output "ad_synchronizable_attributes" {
  value = sailpoint_source_attribute_sync_config.ad.targets
}
