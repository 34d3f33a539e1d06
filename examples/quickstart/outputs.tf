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
