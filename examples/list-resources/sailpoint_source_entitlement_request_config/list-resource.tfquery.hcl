# The entitlement request configs of the tenant's sources that differ from a new source's, for terraform query
# (Terraform >= 1.14): a new source's is not listed, so that terraform query -generate-config-out=generated.tf
# writes an import block and a resource block only for what was set.
list "sailpoint_source_entitlement_request_config" "all" {
  provider = sailpoint
}

# The entitlement request config of one source (without source_id: of every source), if it is set.
list "sailpoint_source_entitlement_request_config" "one" {
  provider         = sailpoint
  include_resource = true
  config {
    source_id = "2c9180835d191a86015d28455b4a2329"
  }
}
