resource "sailpoint_source" "hr" {
  name             = "HR"
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = "2c9180835d191a86015d28455b4b232a" }
}

# Employees: one identity per account of the HR source.
resource "sailpoint_identity_profile" "employees" {
  name        = "Employees"
  description = "Everyone on the HR export"
  priority    = 10
  owner       = { id = "2c9180835d191a86015d28455b4b232a" }

  authoritative_source = { id = sailpoint_source.hr.id }

  identity_attribute_config = {
    enabled = true
    # Keyed by identity attribute name: SailPoint documents no meaning for their order.
    attribute_transforms = {
      email = {
        transform_definition = {
          type = "accountAttribute"
          attributes = jsonencode({
            attributeName = "mail"
            sourceName    = sailpoint_source.hr.name
            sourceId      = sailpoint_source.hr.id
          })
        }
      }
    }
  }

  # ISC deletes a profile in a background task; the default wait is 20 minutes.
  timeouts {
    delete = "30m"
  }
}
