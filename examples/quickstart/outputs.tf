output "source_id" {
  description = "ID ISC assigned to the source."
  value       = sailpoint_source.hr.id
}

output "source_schemas" {
  description = "The schemas ISC attached to the source (a new source gets an account schema)."
  value       = sailpoint_source.hr.schemas
}

output "owner" {
  description = "The identity found by its alias, which owns the source and the identity profile."
  value       = { id = data.sailpoint_identity.owner.id, name = data.sailpoint_identity.owner.name }
}

output "identity_profile_id" {
  description = "ID ISC assigned to the identity profile."
  value       = sailpoint_identity_profile.employees.id
}

output "lifecycle_states" {
  description = "The profile's lifecycle states: technical name to ID."
  value = {
    for s in [sailpoint_lifecycle_state.active, sailpoint_lifecycle_state.terminated] : s.technical_name => s.id
  }
}

output "owner_preview" {
  description = "The values the profile's mappings compute for the owner (errors where ISC could not compute one)."
  value = {
    for name, a in data.sailpoint_identity_profile_preview.owner.attributes : name => a.value != null ? a.value : join("; ", a.errors)
    if contains(keys(sailpoint_identity_profile.employees.identity_attribute_config.attribute_transforms), name)
  }
}

output "account_create_policy" {
  description = "Import ID of the account-create policy, and which of its fields ISC requires."
  value = {
    id       = sailpoint_source_provisioning_policy.hr_create.id
    required = [for f in sailpoint_source_provisioning_policy.hr_create.fields : f.name if f.is_required]
  }
}
