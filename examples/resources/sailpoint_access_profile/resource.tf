data "sailpoint_identity" "owner" {
  alias = "isc.admin"
}

data "sailpoint_source" "erp" {
  name = "Finance ERP"
}

# The ERP's entitlements come from its aggregation: look them up by value.
data "sailpoint_entitlements" "erp" {
  source_id = data.sailpoint_source.erp.id
}

locals {
  erp_entitlement_ids = { for e in data.sailpoint_entitlements.erp.entitlements : e.value => e.id }
}

resource "sailpoint_governance_group" "finance_approvers" {
  name  = "Finance Approvers"
  owner = { id = data.sailpoint_identity.owner.id }
}

# Two entitlements of the ERP, requested together: the requester's manager approves, then the
# finance approvers.
resource "sailpoint_access_profile" "accounts_payable" {
  name        = "Accounts Payable"
  description = "Enter and approve supplier invoices"
  owner       = { id = data.sailpoint_identity.owner.id }
  source      = { id = data.sailpoint_source.erp.id }
  entitlement_ids = [
    local.erp_entitlement_ids["AP_CLERK"],
    local.erp_entitlement_ids["AP_APPROVER"],
  ]
  enabled = true

  access_request_config = {
    comments_required = true
    approval_schemes = [
      { approver_type = "MANAGER" },
      { approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.finance_approvers.id },
    ]
  }
  revocation_request_config = {
    approval_schemes = [{ approver_type = "OWNER" }]
  }
}
