data "sailpoint_identity" "owner" {
  alias = "isc.admin"
}

# The group that approves access to the finance systems.
resource "sailpoint_governance_group" "finance_approvers" {
  name        = "Finance Approvers"
  description = "Approves requests for access to the finance systems"
  owner       = { id = data.sailpoint_identity.owner.id }
}
