# Every identity attribute of the tenant but ISC's own (system) ones, for terraform query
# (Terraform >= 1.14): terraform query -generate-config-out=generated.tf writes an import block
# and a resource block for each. ISC filters identity attributes by nothing, so the list has no
# arguments.
list "sailpoint_identity_attribute" "all" {
  provider         = sailpoint
  include_resource = true
}
