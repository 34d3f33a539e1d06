# The access-model configuration `make bench` applies: one delimited-file source and a governance
# group, var.n access profiles of the source (disabled: a source has no entitlements before an
# aggregation) approved by the group, and var.n / 2 roles of two access profiles each, granted by
# criteria. 2 + n + n/2 resources.
#
# var.changed edits the description of every tenth access profile and every tenth role.

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
  description = "Number of access profiles; there are half as many roles."
  type        = number
}

variable "owner_id" {
  description = "ID of the identity that owns everything."
  type        = string
}

variable "changed" {
  description = "Edit every tenth access profile and role."
  type        = bool
  default     = false
}

locals {
  suffix = var.changed ? " (edited)" : ""
}

resource "sailpoint_source" "erp" {
  name             = "Bench ERP"
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = var.owner_id }
}

resource "sailpoint_governance_group" "approvers" {
  name  = "Bench Approvers"
  owner = { id = var.owner_id }
}

resource "sailpoint_access_profile" "erp" {
  count       = var.n
  name        = format("Bench Access %03d", count.index)
  description = "ERP access ${count.index}${count.index % 10 == 0 ? local.suffix : ""}"
  owner       = { id = var.owner_id }
  source      = { id = sailpoint_source.erp.id }

  access_request_config = {
    approval_schemes = [{ approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.approvers.id }]
  }
}

resource "sailpoint_role" "team" {
  count              = floor(var.n / 2)
  name               = format("Bench Role %03d", count.index)
  description        = "Team ${count.index}${count.index % 10 == 0 ? local.suffix : ""}"
  owner              = { id = var.owner_id }
  access_profile_ids = [sailpoint_access_profile.erp[2 * count.index].id, sailpoint_access_profile.erp[2 * count.index + 1].id]
  enabled            = true
  requestable        = true

  membership = {
    type = "STANDARD"
    criteria = {
      operation = "OR"
      children = [
        { operation = "EQUALS", key = { type = "IDENTITY", property = "attribute.department" }, string_value = format("Team %03d", count.index) },
        { operation = "EQUALS", key = { type = "ACCOUNT", property = "attribute.team", source_id = sailpoint_source.erp.id }, string_value = format("%03d", count.index) },
      ]
    }
  }
}
