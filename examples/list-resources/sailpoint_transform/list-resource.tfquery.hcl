# Every transform of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_transform" "all" {
  provider = sailpoint
}

# The transforms whose names start with "Email".
list "sailpoint_transform" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "Email"
  }
}
