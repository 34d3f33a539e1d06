# Look an identity up by alias (or by id, email, name or a raw ISC filter: exactly one of them).
data "sailpoint_identity" "admin" {
  alias = "isc.admin"
}

# A filter must match exactly one identity. Values in ISC filters are double-quoted strings.
data "sailpoint_identity" "jane" {
  filters = "firstname eq \"Jane\" and lastname eq \"Doe\""
}

# Identities without a correlated account are hidden unless include_uncorrelated is set.
data "sailpoint_identity" "contractor" {
  email                = "contractor@example.com"
  include_uncorrelated = true
}

resource "sailpoint_source" "hr" {
  name             = "HR"
  connector        = "delimited-file"
  provision_as_csv = true

  owner = {
    id = data.sailpoint_identity.admin.id
  }
}

output "admin_department" {
  value = jsondecode(data.sailpoint_identity.admin.attributes).department
}
