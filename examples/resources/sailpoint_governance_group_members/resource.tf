# Everyone in the finance department approves finance access: the resource holds all the
# group's members, so members added in the UI show in the next plan.
data "sailpoint_identities" "finance" {
  filters     = "name sw \"F\""
  max_results = 20
}

resource "sailpoint_governance_group_members" "finance_approvers" {
  governance_group_id = sailpoint_governance_group.finance_approvers.id
  identity_ids        = data.sailpoint_identities.finance.identities[*].id
}
