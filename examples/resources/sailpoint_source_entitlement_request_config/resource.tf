# Requests for the directory's groups need the requester's manager, then the IT approvers, and
# a comment; access lasts at most 90 days. Revocations need the group's owner.
resource "sailpoint_source_entitlement_request_config" "ad" {
  source_id = sailpoint_source.ad.id
  approval_schemes = [
    { approver_type = "MANAGER" },
    { approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.it_approvers.id },
  ]
  request_comment_required      = true
  max_permitted_access_duration = { value = 90, time_unit = "DAYS" }
  revocation_approval_schemes   = [{ approver_type = "ENTITLEMENT_OWNER" }]
}
