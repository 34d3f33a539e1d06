# A leave of absence: the identity's accounts on every source but the HR feed are disabled, and
# its manager is told. The profile's lifecycle state attribute (typically cloudLifecycleState)
# takes the technical name "leave" to put an identity in this state.
resource "sailpoint_lifecycle_state" "leave" {
  identity_profile_id = sailpoint_identity_profile.employees.id
  name                = "Leave of absence"
  technical_name      = "leave"
  description         = "Employees away for more than a month"
  enabled             = true
  priority            = 30

  account_actions = [
    { action = "DISABLE", all_sources = true, exclude_source_ids = [sailpoint_source.hr.id] },
  ]

  email_notification_option = {
    notify_managers = true
  }
}

# Leavers lose their accounts on two sources and all their access.
resource "sailpoint_lifecycle_state" "terminated" {
  identity_profile_id = sailpoint_identity_profile.employees.id
  name                = "Terminated"
  technical_name      = "terminated"
  enabled             = true
  identity_state      = "INACTIVE_LONG_TERM"

  account_actions = [
    { action = "DELETE", source_ids = [sailpoint_source.ad.id, sailpoint_source.ldap.id] },
  ]

  access_action_configuration = {
    remove_all_access_enabled = true
  }
}
