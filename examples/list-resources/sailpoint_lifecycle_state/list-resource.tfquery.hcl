# Every lifecycle state of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_lifecycle_state" "all" {
  provider = sailpoint
}

# The lifecycle states of one identity profile (without identity_profile_id: of every profile).
list "sailpoint_lifecycle_state" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    identity_profile_id = "2c918012f4e1485ffbc284fdca14d2aa"
  }
}
