# A searchable identity attribute whose value ISC promotes from the identity profiles that map it.
resource "sailpoint_identity_attribute" "cost_center" {
  name         = "costCenter"
  display_name = "Cost Center"
  type         = "string"
  searchable   = true

  sources = [{
    type = "rule"
    properties = jsonencode({
      ruleType = "IdentityAttribute"
      ruleName = "Cloud Promote Identity Attribute"
    })
  }]
}

# A multi-valued attribute (ISC does not make those searchable).
resource "sailpoint_identity_attribute" "badges" {
  name         = "badgeIds"
  display_name = "Badge IDs"
  multi        = true
}
