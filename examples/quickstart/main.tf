# A delimited-file (CSV) source owned by an identity found by its alias, the source's account
# schema, the schedule that aggregates its accounts, the policy ISC uses to create accounts on it,
# and the identity profile that makes an identity of each account. `make demo` runs it against the
# ISC emulator; with SAIL_* set to a tenant it works there too.

terraform {
  required_version = ">= 1.11"

  required_providers {
    sailpoint = {
      source = "isc-terraform/sailpoint"
    }
  }
}

# Configured from SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET (and SAIL_API_VERSION, when set).
provider "sailpoint" {}

# The identity that owns what the quickstart creates, looked up by alias.
data "sailpoint_identity" "owner" {
  alias = var.owner_alias
}

resource "sailpoint_source" "hr" {
  name             = "HR Demo"
  description      = var.description
  connector        = "delimited-file"
  provision_as_csv = true
  delete_threshold = 10

  owner = {
    id = data.sailpoint_identity.owner.id
  }

  connector_attributes = jsonencode({
    delimiter          = ","
    hasHeader          = true
    filetransport      = "local"
    indexColumns       = ["employeeId"]
    mergeRows          = false
    accountIdAttribute = "employeeId"
  })

  # Secret connector settings are write-only: sent to ISC on create, and again whenever
  # connector_attributes_wo_version changes, but never stored in the Terraform state.
  connector_attributes_wo = jsonencode({
    password = var.demo_password
  })
  connector_attributes_wo_version = 1
}

# ISC creates an account schema with every source: declaring it takes it over and gives it the
# columns of the CSV file.
resource "sailpoint_source_schema" "hr_account" {
  source_id          = sailpoint_source.hr.id
  name               = "account"
  identity_attribute = "employeeId"
  display_attribute  = "displayName"

  attributes = {
    employeeId  = { description = "Employee number" }
    displayName = { description = "Full name" }
    email       = {}
    department  = {}
    startDate   = { type = "DATE" }
  }
}

# Aggregate the source's accounts at 05:00, 13:00 and 21:00 every day (a Quartz cron
# expression: seconds first, and "?" in one of day-of-month and day-of-week).
resource "sailpoint_source_schedule" "hr_accounts" {
  source_id       = sailpoint_source.hr.id
  type            = "ACCOUNT_AGGREGATION"
  cron_expression = "0 0 5,13,21 * * ?"
}

# The HR source becomes the authoritative source of this profile: ISC builds one identity per HR
# account, and computes the identity's email from the account's `email` column.
resource "sailpoint_identity_profile" "employees" {
  name        = "Employees Demo"
  description = "One identity per account of the HR Demo source"
  priority    = 10

  owner = {
    id = data.sailpoint_identity.owner.id
  }

  authoritative_source = {
    id = sailpoint_source.hr.id
  }

  identity_attribute_config = {
    enabled = true
    attribute_transforms = {
      email = {
        transform_definition = {
          type = "accountAttribute"
          attributes = jsonencode({
            attributeName = "email"
            sourceName    = sailpoint_source.hr.name
          })
        }
      }
    }
  }
}

# How ISC fills in the attributes of accounts it creates on the source. ISC gives a new
# delimited-file source a CREATE policy of its own; this resource takes it over and keeps it
# at this definition.
resource "sailpoint_source_provisioning_policy" "hr_create" {
  source_id  = sailpoint_source.hr.id
  usage_type = "CREATE"
  name       = "Account"

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
      name      = "email"
      type      = "string"
      transform = jsonencode({ type = "identityAttribute", attributes = { name = "email" } })
    },
    {
      name      = "department"
      type      = "string"
      transform = jsonencode({ type = "static", attributes = { value = "Human Resources" } })
    },
  ]
}

# --- Correlation and a look at the source's accounts ---------------------------------------

# How ISC matches the feed's accounts to identities: by employee number first, then by e-mail in
# any letter case. A new source has a correlation config already; this resource takes it over.
resource "sailpoint_source_correlation_config" "hr" {
  source_id = sailpoint_source.hr.id
  attribute_assignments = [
    { identity_attribute = "uid", account_attribute = "employeeId" },
    { identity_attribute = "email", account_attribute = "email", ignore_case = true },
  ]
}

# A sample of the accounts the source's connector reads, without aggregating: the plan fails if
# they lack the employee number that the identity profile and the correlation use.
data "sailpoint_source_objects" "hr_accounts" {
  source_id  = sailpoint_source_schema.hr_account.source_id
  max_count  = 5
  attributes = ["employeeId", "displayName", "email"]

  lifecycle {
    postcondition {
      condition     = alltrue([for a in self.objects : contains(keys(a.attributes), "employeeId")])
      error_message = "The HR feed returns accounts without employeeId: check the source's schema and file."
    }
  }
}

output "hr_account_sample" {
  description = "Display names of a few accounts the HR feed's connector reads."
  value       = [for a in data.sailpoint_source_objects.hr_accounts.objects : a.attributes["displayName"]]
}
