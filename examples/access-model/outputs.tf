output "role_id" {
  description = "The Accountants role."
  value       = sailpoint_role.accountants.id
}

output "access_profile_id" {
  description = "The General Ledger access profile."
  value       = sailpoint_access_profile.general_ledger.id
}

output "entitlement_ids" {
  description = "The entitlements the access profile grants."
  value       = sailpoint_access_profile.general_ledger.entitlement_ids
}
