# The account-create policy of a source: how ISC fills in a new account's attributes.
# A delimited-file or Active Directory source already has a CREATE policy made by ISC;
# this resource takes it over.
resource "sailpoint_source_provisioning_policy" "hr_create" {
  source_id   = sailpoint_source.hr.id
  usage_type  = "CREATE"
  name        = "Account"
  description = "Attributes of new HR accounts"

  fields = [
    {
      name       = "employeeId"
      type       = "string"
      transform  = jsonencode({ type = "identityAttribute", attributes = { name = "uid" } })
      attributes = jsonencode({ cloudRequired = "true" })
    },
    {
      name      = "displayName"
      type      = "string"
      transform = jsonencode({ type = "identityAttribute", attributes = { name = "displayName" } })
    },
    {
      name = "department"
      type = "string"
      transform = jsonencode({
        type       = "static"
        attributes = { value = "Human Resources" }
      })
    },
    {
      # Without a transform: ISC's default, {}.
      name            = "groups"
      type            = "string"
      is_multi_valued = true
    },
  ]
}
