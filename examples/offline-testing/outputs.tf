output "source_id" {
  description = "ID of the application's source."
  value       = sailpoint_source.app.id
}

output "owner_name" {
  description = "Name of the identity that owns the source."
  value       = sailpoint_source.app.owner.name
}

output "entitlements" {
  description = "Names of the account attributes that hold entitlements."
  value       = [for name, a in sailpoint_source_schema.account.attributes : name if a.is_entitlement]
}
