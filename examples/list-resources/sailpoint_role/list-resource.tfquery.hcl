# Every role of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_role" "all" {
  provider = sailpoint
}

# The roles whose names start with "Finance".
list "sailpoint_role" "finance" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "Finance"
  }
}
