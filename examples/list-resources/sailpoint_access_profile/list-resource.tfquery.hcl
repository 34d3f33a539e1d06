# Every access profile of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_access_profile" "all" {
  provider = sailpoint
}

# The access profiles of one source whose names start with "VPN".
list "sailpoint_access_profile" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "VPN"
    source_id   = "2c918033103baee0aa18e9b703c43744"
  }
}
