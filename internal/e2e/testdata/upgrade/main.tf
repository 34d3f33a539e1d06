# The objects of snapshot.json in the configuration of schema version 1 (keyed collections). The
# state beside it, v0-state.json, was written by the provider before version 1, after importing them.

resource "sailpoint_source" "ldap" {
  name        = "LDAP"
  description = "Corporate directory"
  connector   = "ldap"
  owner       = { id = "2c9180835d191a86015d28455b4b232a" }
}

resource "sailpoint_source_schema" "group" {
  source_id          = sailpoint_source.ldap.id
  name               = "group"
  native_object_type = "groupOfUniqueNames"
  identity_attribute = "dn"
  display_attribute  = "cn"
  configuration      = jsonencode({ groupMemberAttribute = "uniqueMember" })
  attributes = {
    dn = {}
    cn = {}
  }
}

resource "sailpoint_source_schema" "account" {
  source_id          = sailpoint_source.ldap.id
  name               = "account"
  native_object_type = "inetOrgPerson"
  identity_attribute = "uid"
  display_attribute  = "cn"
  attributes = {
    uid            = { description = "User ID" }
    mail           = {}
    cn             = { description = "Full name" }
    memberOf       = { description = "Groups", is_multi = true, is_entitlement = true, is_group = true, schema_id = sailpoint_source_schema.group.id }
    employeeNumber = { type = "LONG" }
  }
}

resource "sailpoint_identity_profile" "staff" {
  name        = "Staff"
  description = "Everyone in the directory"
  priority    = 10
  # Not ISC's name for the owner: a warning, not a change.
  owner                = { id = "2c9180835d191a86015d28455b4b232a", name = "Somebody Else" }
  authoritative_source = { id = sailpoint_source.ldap.id }
  identity_attribute_config = {
    enabled = true
    attribute_transforms = {
      uid         = { transform_definition = { type = "accountAttribute", attributes = jsonencode({ attributeName = "uid", sourceName = "LDAP" }) } }
      email       = { transform_definition = { type = "accountAttribute", attributes = jsonencode({ attributeName = "mail", sourceName = "LDAP" }) } }
      displayName = { transform_definition = { type = "accountAttribute", attributes = jsonencode({ attributeName = "cn", sourceName = "LDAP" }) } }
    }
  }
}
