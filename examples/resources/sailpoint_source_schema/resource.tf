resource "sailpoint_source" "ldap" {
  name      = "Corporate LDAP"
  connector = "ldap"
  owner = {
    id = "2c9180835d191a86015d28455b4b232a"
  }
}

# A group schema. It must exist before an account attribute can point at it, so the account
# schema below references its id.
resource "sailpoint_source_schema" "group" {
  source_id           = sailpoint_source.ldap.id
  name                = "group"
  native_object_type  = "groupOfUniqueNames"
  identity_attribute  = "dn"
  display_attribute   = "cn"
  hierarchy_attribute = "memberOf"
  configuration = jsonencode({
    groupMemberAttribute = "uniqueMember"
  })

  # Keyed by attribute name: SailPoint documents no meaning for their order.
  attributes = {
    dn       = { description = "Distinguished name" }
    cn       = { description = "Common name" }
    memberOf = { is_multi = true }
  }
}

# ISC created the account schema with the source: declaring it takes it over.
resource "sailpoint_source_schema" "account" {
  source_id          = sailpoint_source.ldap.id
  name               = "account"
  identity_attribute = "uid"
  display_attribute  = "cn"

  attributes = {
    uid            = { description = "User ID" }
    cn             = { description = "Full name" }
    mail           = {}
    employeeNumber = { type = "LONG" }
    memberOf = {
      description    = "Groups the account belongs to"
      is_multi       = true
      is_entitlement = true
      is_group       = true
      schema_id      = sailpoint_source_schema.group.id
    }
  }
}
