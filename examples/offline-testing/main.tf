# A module that onboards a database application: a JDBC source owned by an identity found by
# alias, its account schema with an entitlement attribute, a daily account aggregation and the
# policy that fills in new accounts. tests/application.tftest.hcl tests it with `terraform test`
# against the ISC emulator loaded with examples/tenant-snapshot (see the guide "Test your
# configuration offline").

terraform {
  required_version = ">= 1.11"

  required_providers {
    sailpoint = {
      source = "isc-terraform/sailpoint"
    }
  }
}

data "sailpoint_identity" "owner" {
  alias = var.owner_alias
}

resource "sailpoint_source" "app" {
  name        = var.name
  description = "${var.name} application database"
  connector   = "jdbc"

  owner = {
    id = data.sailpoint_identity.owner.id
  }

  connector_attributes = jsonencode({
    url         = var.jdbc_url
    driverClass = "org.postgresql.Driver"
    user        = var.db_user
    SQL         = "SELECT login, full_name, role FROM app_users"
  })

  connector_attributes_wo = jsonencode({
    password = var.db_password
  })
  connector_attributes_wo_version = var.db_password_version
}

# ISC creates the account schema with the source; declaring it takes it over.
resource "sailpoint_source_schema" "account" {
  source_id          = sailpoint_source.app.id
  name               = "account"
  native_object_type = "account"
  identity_attribute = "login"
  display_attribute  = "full_name"

  attributes = {
    login                       = {}
    full_name                   = {}
    (var.entitlement_attribute) = { is_multi = true, is_entitlement = true, description = "Application roles" }
  }
}

resource "sailpoint_source_schedule" "accounts" {
  source_id       = sailpoint_source.app.id
  type            = "ACCOUNT_AGGREGATION"
  cron_expression = var.aggregation_cron
}

resource "sailpoint_source_provisioning_policy" "create" {
  source_id  = sailpoint_source.app.id
  usage_type = "CREATE"
  name       = "${var.name} Account"

  fields = [
    {
      name       = "login"
      type       = "string"
      transform  = jsonencode({ type = "identityAttribute", attributes = { name = "uid" } })
      attributes = jsonencode({ cloudRequired = "true" })
    },
    {
      name      = "full_name"
      type      = "string"
      transform = jsonencode({ type = "identityAttribute", attributes = { name = "displayName" } })
    },
  ]
}
