# Every active identity whose name starts with "J", sorted by name; at most 500 of them.
data "sailpoint_identities" "active_j" {
  filters     = "cloudStatus eq \"ACTIVE\" and name sw \"J\""
  sorters     = "name"
  max_results = 500
}

output "managers" {
  value = [for i in data.sailpoint_identities.active_j.identities : i.name if i.is_manager]
}

output "matching" {
  description = "How many identities match, even beyond max_results."
  value       = data.sailpoint_identities.active_j.total
}
