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

# The ERP's aggregation made the entitlement; this adopts it and sets what the finance team owns.
# Arguments left out (here: segments, the revocation configuration) keep ISC's values.
resource "sailpoint_entitlement" "invoice_approver" {
  source_id   = data.sailpoint_source.erp.id
  value       = "AP_APPROVER"
  description = "Approves supplier invoices up to the delegated limit"
  owner       = { id = data.sailpoint_identity.owner.id }
  requestable = true
  # A privilege level, as the default api_version ("v1") has it; with api_version = "v2025",
  # set privileged = true instead.
  privilege_level = "HIGH"

  access_request_config = {
    comments_required = true
    approval_schemes = [
      { approver_type = "MANAGER" },
      { approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.finance_approvers.id },
    ]
  }
}
