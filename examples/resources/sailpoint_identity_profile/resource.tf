resource "sailpoint_source" "hr" {
  name             = "HR"
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = "2c9180835d191a86015d28455b4b232a" }
}

# A saved transform: the department code of an HR account.
resource "sailpoint_transform" "department_code" {
  name = "Department Code"
  type = "upper"
  attributes = jsonencode({
    input = {
      type       = "accountAttribute"
      attributes = { attributeName = "department", sourceName = sailpoint_source.hr.name }
    }
  })
}

# The identity attribute the profile computes with it.
resource "sailpoint_identity_attribute" "department_code" {
  name         = "departmentCode"
  display_name = "Department Code"
  type         = "string"
}

# A transform another team manages, by the name it has in every tenant.
data "sailpoint_transform" "work_email" {
  name = "Work Email"
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
      uid = {
        transform_definition = {
          type = "accountAttribute"
          attributes = jsonencode({
            attributeName = "employeeId"
            sourceName    = sailpoint_source.hr.name
            sourceId      = sailpoint_source.hr.id
          })
        }
      }

      # Saved transforms by name, through references: Terraform creates them before the profile.
      email = {
        transform_definition = {
          type       = "reference"
          attributes = jsonencode({ id = data.sailpoint_transform.work_email.name })
        }
      }

      # The key is an expression in parentheses: the attribute's name, from its resource.
      (sailpoint_identity_attribute.department_code.name) = {
        transform_definition = {
          type       = "reference"
          attributes = jsonencode({ id = sailpoint_transform.department_code.name })
        }
      }
    }
  }

  # ISC deletes a profile in a background task; the default wait is 20 minutes.
  timeouts {
    delete = "30m"
  }
}
