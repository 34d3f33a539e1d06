# Read a sample of the HR feed's accounts, and fail the plan unless every one of them has the
# attributes the identity profile maps.
data "sailpoint_source_objects" "hr_accounts" {
  source_id  = sailpoint_source.hr.id
  max_count  = 10
  attributes = ["employeeNumber", "mail", "department"]

  lifecycle {
    postcondition {
      condition     = alltrue([for o in self.objects : contains(keys(o.attributes), "employeeNumber")])
      error_message = "The HR feed returns accounts without employeeNumber: check its schema and connection."
    }
  }
}

# Its groups, by name.
data "sailpoint_source_objects" "hr_groups" {
  source_id   = sailpoint_source.hr.id
  object_type = "group"
}

output "hr_groups" {
  value = [for g in data.sailpoint_source_objects.hr_groups.objects : g.name]
}
