# Process the identities of a profile after a change of its attribute mappings, so that they get
# the new values without waiting for ISC's twice-daily processing. Run it on demand with
#   terraform apply -invoke=action.sailpoint_identity_profile_process.employees
action "sailpoint_identity_profile_process" "employees" {
  config {
    identity_profile_id = sailpoint_identity_profile.employees.id
  }
}

resource "sailpoint_identity_profile" "employees" {
  name                 = "Employees"
  authoritative_source = { id = sailpoint_source.hr.id }

  identity_attribute_config = {
    enabled = true
    attribute_transforms = {
      email = {
        transform_definition = {
          type       = "accountAttribute"
          attributes = jsonencode({ attributeName = "mail", sourceName = sailpoint_source.hr.name })
        }
      }
    }
  }

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.sailpoint_identity_profile_process.employees]
    }
  }
}
