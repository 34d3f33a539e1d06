# The access model of a finance team, in one configuration: the ERP's entitlements, which its
# aggregation brings to ISC, described and owned by the team, bundled into an access profile and
# a role that a governance group owns and approves.
#
# Against the emulator loaded with the tenant snapshot:
#   go run ./cmd/isc-emulator -fixture examples/tenant-snapshot/snapshot.json
# then, with SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET set as it prints,
#   terraform -chdir=examples/access-model apply

terraform {
  required_version = ">= 1.11"
  required_providers {
    sailpoint = {
      source = "isc-terraform/sailpoint"
    }
  }
}

provider "sailpoint" {}

data "sailpoint_identity" "owner" {
  alias = var.owner_alias
}

data "sailpoint_source" "erp" {
  name = var.erp_source_name
}

# Entitlements come only from the source's aggregation: look them up by value.
data "sailpoint_entitlements" "erp" {
  source_id = data.sailpoint_source.erp.id
}

locals {
  erp_entitlements = { for e in data.sailpoint_entitlements.erp.entitlements : e.value => e.id }
}

resource "sailpoint_governance_group" "ledger_owners" {
  name        = "General Ledger Owners"
  description = "Own and approve access to the general ledger"
  owner       = { id = data.sailpoint_identity.owner.id }
}

resource "sailpoint_governance_group_members" "ledger_owners" {
  governance_group_id = sailpoint_governance_group.ledger_owners.id
  identity_ids        = [data.sailpoint_identity.owner.id]
}

# The team adopts the general ledger entitlement: its description, owner and requestability are
# managed here; destroying the configuration releases it and leaves it in ISC.
resource "sailpoint_entitlement" "general_ledger" {
  source_id   = data.sailpoint_source.erp.id
  value       = "GL_USER"
  description = "Post and review general ledger journals"
  owner       = { id = data.sailpoint_identity.owner.id }
  requestable = true
}

# Two entitlements of the ERP, granted together; the requester's manager approves, then the
# ledger owners.
resource "sailpoint_access_profile" "general_ledger" {
  name            = "General Ledger"
  description     = "Journals and supplier invoices in the ERP"
  owner           = { id = data.sailpoint_identity.owner.id }
  source          = { id = data.sailpoint_source.erp.id }
  entitlement_ids = [sailpoint_entitlement.general_ledger.id, local.erp_entitlements["AP_CLERK"]]
  enabled         = true

  access_request_config = {
    comments_required = true
    approval_schemes = [
      { approver_type = "MANAGER" },
      { approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.ledger_owners.id },
    ]
  }
}

# Everyone in Finance holds the access profile; others may request it, approved by the ledger owners.
resource "sailpoint_role" "accountants" {
  name               = "Accountants"
  description        = "The general ledger for the finance department"
  owner              = { id = data.sailpoint_identity.owner.id }
  access_profile_ids = [sailpoint_access_profile.general_ledger.id]
  enabled            = true
  requestable        = true

  membership = {
    type = "STANDARD"
    criteria = {
      operation = "OR"
      children = [{
        operation    = "EQUALS"
        key          = { type = "IDENTITY", property = "attribute.department" }
        string_value = var.department
      }]
    }
  }

  access_request_config = {
    approval_schemes = [
      { approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.ledger_owners.id },
    ]
  }
}
