# A role another team manages, looked up by its name.
data "sailpoint_role" "auditors" {
  name = "External Auditors"
}

output "auditor_access_profiles" {
  value = data.sailpoint_role.auditors.access_profile_ids
}
