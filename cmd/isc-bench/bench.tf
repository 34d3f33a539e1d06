# The configuration `make bench` applies: var.n delimited-file sources, each with its account
# schema, two aggregation schedules and two provisioning policies, plus an identity profile on
# every tenth source (that source is its authoritative source). 6n + n/10 resources.
#
# var.changed edits every tenth resource of each kind (index % 10 == 0): a description, a cron
# expression or a schema attribute description. Nothing else depends on what changes, so the
# edit is an in-place update of exactly those resources.

terraform {
  required_version = ">= 1.11"

  required_providers {
    sailpoint = {
      source = "isc-terraform/sailpoint"
    }
  }
}

# Configured from SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET.
provider "sailpoint" {}

variable "n" {
  description = "Number of sources."
  type        = number
}

variable "owner_id" {
  description = "ID of the identity that owns the sources and identity profiles."
  type        = string
}

variable "changed" {
  description = "Edit every tenth resource of each kind."
  type        = bool
  default     = false
}

locals {
  suffix = var.changed ? " (edited)" : ""
}

resource "sailpoint_source" "app" {
  count            = var.n
  name             = format("Bench App %03d", count.index)
  description      = "Accounts of bench application ${count.index}${count.index % 10 == 0 ? local.suffix : ""}"
  connector        = "delimited-file"
  provision_as_csv = true
  delete_threshold = 10
  owner            = { id = var.owner_id }

  connector_attributes = jsonencode({
    delimiter          = ","
    hasHeader          = true
    filetransport      = "local"
    indexColumns       = ["employeeId"]
    mergeRows          = false
    accountIdAttribute = "employeeId"
  })
}

# ISC creates the account schema with the source; declaring it takes it over.
resource "sailpoint_source_schema" "account" {
  count              = var.n
  source_id          = sailpoint_source.app[count.index].id
  name               = "account"
  identity_attribute = "employeeId"
  display_attribute  = "displayName"

  attributes = {
    employeeId  = { description = "Employee number${count.index % 10 == 0 ? local.suffix : ""}" }
    displayName = { description = "Full name" }
    email       = {}
    department  = {}
  }
}

resource "sailpoint_source_schedule" "accounts" {
  count           = var.n
  source_id       = sailpoint_source.app[count.index].id
  type            = "ACCOUNT_AGGREGATION"
  cron_expression = var.changed && count.index % 10 == 0 ? "0 0 6,14,22 * * ?" : "0 0 5,13,21 * * ?"
}

resource "sailpoint_source_schedule" "groups" {
  count           = var.n
  source_id       = sailpoint_source.app[count.index].id
  type            = "GROUP_AGGREGATION"
  cron_expression = var.changed && count.index % 10 == 0 ? "0 45 2 ? * MON-FRI" : "0 30 2 ? * MON-FRI"
}

# ISC gives a new delimited-file source a CREATE policy; this resource takes it over.
resource "sailpoint_source_provisioning_policy" "create" {
  count       = var.n
  source_id   = sailpoint_source.app[count.index].id
  usage_type  = "CREATE"
  name        = "Account"
  description = "New accounts${count.index % 10 == 0 ? local.suffix : ""}"

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
  ]
}

resource "sailpoint_source_provisioning_policy" "update" {
  count       = var.n
  source_id   = sailpoint_source.app[count.index].id
  usage_type  = "UPDATE"
  name        = "Account update"
  description = "Updated accounts${count.index % 10 == 0 ? local.suffix : ""}"

  fields = [
    {
      name      = "department"
      type      = "string"
      transform = jsonencode({ type = "identityAttribute", attributes = { name = "department" } })
    },
  ]
}

resource "sailpoint_identity_profile" "app" {
  count       = floor(var.n / 10)
  name        = format("Bench Profile %03d", count.index)
  description = "Identities from bench application ${count.index * 10}${count.index % 10 == 0 ? local.suffix : ""}"
  priority    = 10 + count.index
  owner       = { id = var.owner_id }

  authoritative_source = { id = sailpoint_source.app[count.index * 10].id }

  identity_attribute_config = {
    enabled = true
    attribute_transforms = {
      email = {
        transform_definition = {
          type = "accountAttribute"
          attributes = jsonencode({
            attributeName = "email"
            sourceName    = sailpoint_source.app[count.index * 10].name
          })
        }
      }
    }
  }
}
