# The HR source as it is named in every tenant, whatever its ID there.
data "sailpoint_source" "hr" {
  name = "Workday HR"
}

output "hr_source_id" {
  value = data.sailpoint_source.hr.id
}
