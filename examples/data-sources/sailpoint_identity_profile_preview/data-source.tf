# What the profile's transforms compute for one identity, shown in the plan before they apply.
data "sailpoint_identity" "sample" {
  alias = "aaron.andersen"
}

data "sailpoint_identity_profile_preview" "sample" {
  identity_id               = data.sailpoint_identity.sample.id
  identity_attribute_config = sailpoint_identity_profile.employees.identity_attribute_config
}

output "previewed_email" {
  value = data.sailpoint_identity_profile_preview.sample.attributes["email"].value
}
