# The lifecycle states of a profile, by technical name.
data "sailpoint_lifecycle_states" "employees" {
  identity_profile_id = sailpoint_identity_profile.employees.id
}

output "employee_state_ids" {
  value = { for s in data.sailpoint_lifecycle_states.employees.lifecycle_states : s.technical_name => s.id }
}
