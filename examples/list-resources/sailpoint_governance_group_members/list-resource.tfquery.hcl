# Every governance group members of the tenant, for terraform query (Terraform >= 1.14):
# terraform query -generate-config-out=generated.tf writes an import block and a resource block for each.
list "sailpoint_governance_group_members" "all" {
  provider = sailpoint
}

# The members of the governance groups whose names start with "Finance", one result per group.
list "sailpoint_governance_group_members" "some" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "Finance"
  }
}
