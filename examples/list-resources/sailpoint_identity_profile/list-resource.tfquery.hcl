# Every identity profile of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_identity_profile" "all" {
  provider = sailpoint
}

# The identity profiles whose names start with "Employees".
list "sailpoint_identity_profile" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "Employees"
  }
}
