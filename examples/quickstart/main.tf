# A delimited-file (CSV) source owned by an identity found by its alias, the source's account
# schema, the schedule that aggregates its accounts, the policy ISC uses to create accounts on it,
# and a small identity model on top: a transform, the identity attribute it computes, the identity
# profile that makes an identity of each account and maps the attribute through the transform, and
# two lifecycle states of the profile. `make demo` runs it against the ISC emulator; with SAIL_* set
# to a tenant it works there too.

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

# A saved transform: whatever input it is given, in capitals. Profiles use it by name, as a
# `reference` transform with an input of their own.
resource "sailpoint_transform" "upper" {
  name = "Demo Upper Case"
  type = "upper"
}

# The identity attribute the profile below computes. ISC promotes its value from the profiles that
# map it, with this rule.
resource "sailpoint_identity_attribute" "department_code" {
  name         = "demoDepartmentCode"
  display_name = "Department Code (Demo)"
  type         = "string"
  searchable   = true

  sources = [{
    type = "rule"
    properties = jsonencode({
      ruleType = "IdentityAttribute"
      ruleName = "Cloud Promote Identity Attribute"
    })
  }]
}

# The HR source becomes the authoritative source of this profile: ISC builds one identity per HR
# account, takes the identity's email from the account's `email` column, and its department code
# from the `department` column through the saved transform. The transform and the attribute are
# named through references, so Terraform creates them before the profile and deletes them after.
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

      (sailpoint_identity_attribute.department_code.name) = {
        transform_definition = {
          type = "reference"
          attributes = jsonencode({
            id = sailpoint_transform.upper.name
            input = {
              type       = "accountAttribute"
              attributes = { attributeName = "department", sourceName = sailpoint_source.hr.name }
            }
          })
        }
      }
    }
  }
}

# Joiners and movers: HR accounts stay enabled.
resource "sailpoint_lifecycle_state" "active" {
  identity_profile_id = sailpoint_identity_profile.employees.id
  name                = "Active"
  technical_name      = "active"
  description         = "Employees on the HR export"
  enabled             = true
  identity_state      = "ACTIVE"
  priority            = 10

  account_actions = [
    { action = "ENABLE", source_ids = [sailpoint_source.hr.id] },
  ]
}

# Leavers: every account is disabled, all access is removed, and their managers are told.
resource "sailpoint_lifecycle_state" "terminated" {
  identity_profile_id = sailpoint_identity_profile.employees.id
  name                = "Terminated"
  technical_name      = "terminated"
  enabled             = true
  identity_state      = "INACTIVE_LONG_TERM"
  priority            = 40

  account_actions = [
    { action = "DISABLE", all_sources = true },
  ]

  access_action_configuration = {
    remove_all_access_enabled = true
  }

  email_notification_option = {
    notify_managers = true
  }
}

# What the profile's mappings compute for the owner, as ISC previews it: a change of a mapping or
# of the transform shows here, in the plan, before it is applied.
data "sailpoint_identity_profile_preview" "owner" {
  identity_id               = data.sailpoint_identity.owner.id
  identity_attribute_config = sailpoint_identity_profile.employees.identity_attribute_config
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
