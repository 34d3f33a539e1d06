# The Employees profile, found by the name it has in every tenant, whatever its ID there.
data "sailpoint_identity_profile" "employees" {
  name = "Employees"
}

# A lifecycle state of a profile another team manages.
resource "sailpoint_lifecycle_state" "sabbatical" {
  identity_profile_id = data.sailpoint_identity_profile.employees.id
  name                = "Sabbatical"
  technical_name      = "sabbatical"
  enabled             = true
}

# What the profile's mappings compute for one identity.
data "sailpoint_identity" "sample" {
  alias = "aaron.andersen"
}

data "sailpoint_identity_profile_preview" "employees" {
  identity_id               = data.sailpoint_identity.sample.id
  identity_attribute_config = data.sailpoint_identity_profile.employees.identity_attribute_config
}

output "employees_authoritative_source" {
  value = data.sailpoint_identity_profile.employees.authoritative_source.name
}
