# Every entitlement of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
# ISC makes entitlements by aggregation: importing one adopts it, and nothing is created.
list "sailpoint_entitlement" "all" {
  provider = sailpoint
}

# The entitlements of one source whose names start with "CN=VPN".
list "sailpoint_entitlement" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "CN=VPN"
    source_id   = "2c918033103baee0aa18e9b703c43744"
  }
}
