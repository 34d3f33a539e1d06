data "sailpoint_identity" "owner" {
  alias = "isc.admin"
}

data "sailpoint_source" "erp" {
  name = "Finance ERP"
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
    "2c9180857a1f3c41d0e4b6e2c3f0c301", # AP Clerk
    "2c9180857a1f3c41d0e4b6e2c3f0c302", # Invoice Approver
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
