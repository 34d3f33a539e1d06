# Every governance group of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_governance_group" "all" {
  provider = sailpoint
}

# The governance groups whose names start with "Finance".
list "sailpoint_governance_group" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "Finance"
  }
}
