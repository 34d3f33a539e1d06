# An identity attribute the tenant has, such as a standard one, looked up by its technical name.
data "sailpoint_identity_attribute" "department" {
  name = "department"
}

output "department_is_searchable" {
  value = data.sailpoint_identity_attribute.department.searchable
}
