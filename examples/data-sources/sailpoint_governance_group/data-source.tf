# A governance group made in the UI, looked up by the name it has in every tenant.
data "sailpoint_governance_group" "security" {
  name = "Security Reviewers"
}

output "security_reviewers_owner" {
  value = data.sailpoint_governance_group.security.owner.name
}
