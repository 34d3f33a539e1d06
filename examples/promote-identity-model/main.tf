# The identity model of partners, promoted from one tenant to the next: the same configuration
# applies to every tenant, with a state of its own per tenant. It names nothing by ID. What the
# tenants have already (the partners' LDAP source, the profile it must rank after, the owner, a
# shared transform) is looked up by name, and what it creates refers to those by Terraform
# references, so each tenant's plan carries that tenant's IDs.

terraform {
  required_version = ">= 1.11"

  required_providers {
    sailpoint = {
      source = "isc-terraform/sailpoint"
    }
  }
}

# Configured from SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET: one set per tenant.
provider "sailpoint" {}

# What every tenant has, by name.
data "sailpoint_source" "partners" {
  name = "Partner LDAP"
}

data "sailpoint_identity" "owner" {
  alias = var.owner_alias
}

data "sailpoint_identity_profile" "employees" {
  name = "Employees"
}

data "sailpoint_transform" "work_email" {
  name = "Work Email"
}

# A partner's login, in lower case, from the LDAP account.
resource "sailpoint_transform" "partner_login" {
  name = "Partner Login"
  type = "lower"
  attributes = jsonencode({
    input = {
      type       = "accountAttribute"
      attributes = { attributeName = "uid", sourceName = data.sailpoint_source.partners.name }
    }
  })
}

resource "sailpoint_identity_attribute" "partner_company" {
  name         = "partnerCompany"
  display_name = "Partner Company"
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

# One identity per partner account. Transforms and identity attributes are named through
# references, so Terraform creates them first and the names cannot drift apart.
resource "sailpoint_identity_profile" "partners" {
  name        = "Partners"
  description = "One identity per account of the Partner LDAP source"
  # Employees win over partners: an identity with accounts on both belongs to the lowest number.
  priority = data.sailpoint_identity_profile.employees.priority + 10

  owner                = { id = data.sailpoint_identity.owner.id }
  authoritative_source = { id = data.sailpoint_source.partners.id }

  identity_attribute_config = {
    enabled = true
    attribute_transforms = {
      uid = {
        transform_definition = {
          type       = "reference"
          attributes = jsonencode({ id = sailpoint_transform.partner_login.name })
        }
      }

      email = {
        transform_definition = {
          type       = "reference"
          attributes = jsonencode({ id = data.sailpoint_transform.work_email.name })
        }
      }

      (sailpoint_identity_attribute.partner_company.name) = {
        transform_definition = {
          type = "accountAttribute"
          attributes = jsonencode({
            attributeName = "company"
            sourceName    = data.sailpoint_source.partners.name
          })
        }
      }
    }
  }
}

resource "sailpoint_lifecycle_state" "active" {
  identity_profile_id = sailpoint_identity_profile.partners.id
  name                = "Active"
  technical_name      = "active"
  enabled             = true
  priority            = 10

  account_actions = [
    { action = "ENABLE", source_ids = [data.sailpoint_source.partners.id] },
  ]
}

resource "sailpoint_lifecycle_state" "inactive" {
  identity_profile_id = sailpoint_identity_profile.partners.id
  name                = "Inactive"
  technical_name      = "inactive"
  enabled             = true
  identity_state      = "INACTIVE_LONG_TERM"
  priority            = 20

  account_actions = [
    { action = "DISABLE", source_ids = [data.sailpoint_source.partners.id] },
  ]

  access_action_configuration = {
    remove_all_access_enabled = true
  }
}
