# An access profile another team manages, looked up by its name.
data "sailpoint_access_profile" "vpn" {
  name = "VPN Access"
}

output "vpn_entitlements" {
  value = data.sailpoint_access_profile.vpn.entitlement_ids
}
