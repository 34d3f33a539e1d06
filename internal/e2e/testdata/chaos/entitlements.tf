# ISC makes entitlements only by aggregation: TestChaosApply adds this file once the first apply
# has made the sources and an aggregation has given "Chaos 03" these two entitlements, and a
# second apply adopts them.
resource "sailpoint_entitlement" "chaos" {
  for_each = toset(["chaos-read", "chaos-write"])

  source_id   = sailpoint_source.chaos["Chaos 03"].id
  value       = each.key
  description = "Adopted by the chaos run"
  owner       = { id = data.sailpoint_identity.owner.id }
  requestable = true
}
