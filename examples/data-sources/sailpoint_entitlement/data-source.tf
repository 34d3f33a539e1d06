data "sailpoint_source" "ad" {
  name = "Corporate AD"
}

# One entitlement, by its source and its value.
data "sailpoint_entitlement" "vpn_users" {
  source_id = data.sailpoint_source.ad.id
  value     = "CN=VPN Users,OU=Groups,DC=acme,DC=example,DC=com"
}

output "vpn_users_owner" {
  value = data.sailpoint_entitlement.vpn_users.owner
}

# The privilege level that applies, its own or inherited; null with api_version = "v2025",
# whose entitlements have only the flag privileged.
output "vpn_users_privilege" {
  value = data.sailpoint_entitlement.vpn_users.effective_privilege_level
}
