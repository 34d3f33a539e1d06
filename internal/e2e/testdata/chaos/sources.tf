# Eight more sources beside the quickstart's, each with its account schema, both aggregation
# schedules and one provisioning policy (40 resources), four transforms, an identity attribute and
# a lifecycle state of the quickstart's profile, two governance groups with their members, two
# access profiles they approve, a role of both, and one of each setting of a source.
# TestChaosApply puts this file next to a copy of examples/quickstart and applies both against a
# misbehaving emulator.

locals {
  # Connectors cycle through four kinds; a delimited-file source comes with ISC's own CREATE
  # policy, which its policy resource takes over, while the others get a new one.
  chaos_kinds = [
    { connector = "jdbc", usage_type = "CREATE", identity = "id" },
    { connector = "web-services", usage_type = "UPDATE", identity = "id" },
    { connector = "ldap", usage_type = "DISABLE", identity = "dn" },
    { connector = "delimited-file", usage_type = "CREATE", identity = "id" },
  ]
  chaos_sources = {
    for i in range(8) : format("Chaos %02d", i) => merge(local.chaos_kinds[i % 4], { hour = 1 + i })
  }
  chaos_schedule_types = ["ACCOUNT_AGGREGATION", "GROUP_AGGREGATION"]
  chaos_schedules = {
    for pair in setproduct(keys(local.chaos_sources), local.chaos_schedule_types) :
    "${pair[0]} ${pair[1]}" => { source = pair[0], type = pair[1] }
  }
}

resource "sailpoint_source" "chaos" {
  for_each = local.chaos_sources

  name             = each.key
  description      = "${each.value.connector} source of the chaos run"
  connector        = each.value.connector
  provision_as_csv = each.value.connector == "delimited-file" ? true : null
  owner            = { id = data.sailpoint_identity.owner.id }
  connector_attributes = jsonencode({
    host = "${lower(replace(each.key, " ", "-"))}.example.com"
  })
}

resource "sailpoint_source_schema" "chaos_account" {
  for_each = local.chaos_sources

  source_id          = sailpoint_source.chaos[each.key].id
  name               = "account"
  identity_attribute = each.value.identity
  display_attribute  = "displayName"
  attributes = {
    (each.value.identity) = { description = "Account identifier" }
    displayName           = {}
    groups                = { is_multi = true, is_entitlement = true }
  }
}

resource "sailpoint_source_schedule" "chaos" {
  for_each = local.chaos_schedules

  source_id       = sailpoint_source.chaos[each.value.source].id
  type            = each.value.type
  cron_expression = "0 ${each.value.type == "ACCOUNT_AGGREGATION" ? 0 : 30} ${local.chaos_sources[each.value.source].hour} * * ?"
}

resource "sailpoint_source_provisioning_policy" "chaos" {
  for_each = local.chaos_sources

  source_id  = sailpoint_source.chaos[each.key].id
  usage_type = each.value.usage_type
  name       = "${each.key} ${lower(each.value.usage_type)}"
  # The account's identifier (required) and display name, from the identity's uid and name.
  fields = [
    for f in [[each.value.identity, "uid"], ["displayName", "displayName"]] : {
      name       = f[0]
      type       = "string"
      transform  = jsonencode({ type = "identityAttribute", attributes = { name = f[1] } })
      attributes = f[0] == each.value.identity ? jsonencode({ cloudRequired = "true" }) : null
    }
  ]
}

# Four transforms, each building on an account attribute of one chaos source.
resource "sailpoint_transform" "chaos" {
  for_each = toset(["Chaos 00", "Chaos 01", "Chaos 02", "Chaos 03"])

  name = "${each.key} lower name"
  type = "lower"
  attributes = jsonencode({
    input = { type = "accountAttribute", attributes = { attributeName = "displayName", sourceName = sailpoint_source.chaos[each.key].name } }
  })
}

# Two governance groups, each with the owner and the first identities ISC lists as members.
data "sailpoint_identities" "chaos_members" {
  max_results = 3
}

resource "sailpoint_governance_group" "chaos" {
  for_each = toset(["Chaos 00", "Chaos 01"])

  name        = "${each.key} approvers"
  description = "Approvers of ${each.key}"
  owner       = { id = data.sailpoint_identity.owner.id }
}

resource "sailpoint_governance_group_members" "chaos" {
  for_each = sailpoint_governance_group.chaos

  governance_group_id = each.value.id
  identity_ids        = data.sailpoint_identities.chaos_members.identities[*].id
}

# A disabled access profile on each of the first two sources (they have no entitlements before an
# aggregation), approved by the source's governance group.
resource "sailpoint_access_profile" "chaos" {
  for_each = sailpoint_governance_group.chaos

  name   = "${each.key} access"
  owner  = { id = data.sailpoint_identity.owner.id }
  source = { id = sailpoint_source.chaos[each.key].id }
  access_request_config = {
    approval_schemes = [{ approver_type = "GOVERNANCE_GROUP", approver_id = each.value.id }]
  }
}

# A role of both access profiles, for the members of the first governance group's source whose
# department is Chaos.
resource "sailpoint_role" "chaos" {
  name               = "Chaos role"
  owner              = { id = data.sailpoint_identity.owner.id }
  access_profile_ids = [for ap in sailpoint_access_profile.chaos : ap.id]
  membership = {
    type = "STANDARD"
    criteria = {
      operation = "AND"
      children = [
        { operation = "EQUALS", key = { type = "IDENTITY", property = "attribute.department" }, string_value = "Chaos" },
        { operation = "STARTS_WITH", key = { type = "ACCOUNT", property = "attribute.title", source_id = sailpoint_source.chaos["Chaos 00"].id }, string_value = "Lead" },
      ]
    }
  }
}

resource "sailpoint_identity_attribute" "chaos" {
  name         = "chaosCostCenter"
  display_name = "Chaos Cost Center"
  searchable   = true
  sources = [{
    type       = "rule"
    properties = jsonencode({ ruleType = "IdentityAttribute", ruleName = "Cloud Promote Identity Attribute" })
  }]
}

# Disables the accounts on two chaos sources whose connectors can enable and disable accounts.
resource "sailpoint_lifecycle_state" "chaos" {
  identity_profile_id = sailpoint_identity_profile.employees.id
  name                = "Chaos leave"
  technical_name      = "chaos_leave"
  enabled             = true
  priority            = 50
  account_actions = [
    { action = "DISABLE", source_ids = [sailpoint_source.chaos["Chaos 01"].id, sailpoint_source.chaos["Chaos 02"].id] },
  ]
}

# One of each setting of a source: correlation, native change detection, attribute sync (of uid,
# which the jdbc source's CREATE policy maps) and entitlement requests.
resource "sailpoint_source_correlation_config" "chaos" {
  source_id = sailpoint_source.chaos["Chaos 01"].id
  attribute_assignments = [
    { identity_attribute = "uid", account_attribute = "id" },
    { identity_attribute = "email", account_attribute = "mail", ignore_case = true },
  ]
}

resource "sailpoint_source_native_change_detection_config" "chaos" {
  source_id        = sailpoint_source.chaos["Chaos 02"].id
  enabled          = true
  operations       = ["ACCOUNT_CREATED", "ACCOUNT_UPDATED"]
  all_entitlements = true
}

resource "sailpoint_source_attribute_sync_config" "chaos" {
  source_id          = sailpoint_source_provisioning_policy.chaos["Chaos 00"].source_id
  enabled_attributes = ["uid"]
}

resource "sailpoint_source_entitlement_request_config" "chaos" {
  source_id                   = sailpoint_source.chaos["Chaos 03"].id
  approval_schemes            = [{ approver_type = "MANAGER" }, { approver_type = "SOURCE_OWNER" }]
  request_comment_required    = true
  revocation_approval_schemes = [{ approver_type = "ENTITLEMENT_OWNER" }]
}
