# Correlate an HR feed's accounts to identities by employee number first, then by work e-mail
# in any letter case. The pairs are tried in this order.
resource "sailpoint_source_correlation_config" "hr" {
  source_id = sailpoint_source.hr.id
  attribute_assignments = [
    { identity_attribute = "uid", account_attribute = "employeeNumber" },
    { identity_attribute = "email", account_attribute = "mail", ignore_case = true },
  ]
}
