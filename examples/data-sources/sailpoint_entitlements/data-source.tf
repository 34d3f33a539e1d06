data "sailpoint_source" "erp" {
  name = "Finance ERP"
}

# The ERP's requestable entitlements whose names start with "Invoice".
data "sailpoint_entitlements" "invoicing" {
  source_id   = data.sailpoint_source.erp.id
  name_prefix = "Invoice"
  requestable = true
  max_results = 100
}

output "invoicing_entitlement_ids" {
  value = data.sailpoint_entitlements.invoicing.entitlements[*].id
}

# The ERP's entitlements set to the highest privilege level (api_version = "v1", the default).
data "sailpoint_entitlements" "high_privilege" {
  source_id = data.sailpoint_source.erp.id
  filters   = "privilegeLevel.direct eq \"HIGH\""
}
