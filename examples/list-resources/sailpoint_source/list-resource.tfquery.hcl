# Every source of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_source" "all" {
  provider = sailpoint
}

# The sources whose names start with "Corporate", of the connector type DelimitedFile.
list "sailpoint_source" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "Corporate"
    type        = "DelimitedFile"
  }
}
