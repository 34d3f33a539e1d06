# Every source schema of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_source_schema" "all" {
  provider = sailpoint
}

# The schemas of one source (without source_id: of every source).
list "sailpoint_source_schema" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    source_id = "2c918033103baee0aa18e9b703c43744"
  }
}
