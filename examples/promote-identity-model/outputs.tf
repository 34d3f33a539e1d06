output "tenant_ids" {
  description = "The IDs this tenant gave the objects looked up and created: they differ from tenant to tenant."
  value = {
    partner_source   = data.sailpoint_source.partners.id
    owner            = data.sailpoint_identity.owner.id
    partners_profile = sailpoint_identity_profile.partners.id
    partner_login    = sailpoint_transform.partner_login.id
  }
}
