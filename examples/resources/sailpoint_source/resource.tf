data "sailpoint_identity" "owner" {
  alias = "isc.admin"
}

# A delimited-file source: ISC can only create these with provision_as_csv.
resource "sailpoint_source" "hr" {
  name             = "HR Feed"
  description      = "Accounts from the HR export"
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = data.sailpoint_identity.owner.id }
  delete_threshold = 10

  connector_attributes = jsonencode({
    delimiter = ","
    hasHeader = true
  })
}

# A directory source whose bind password is write-only: it never reaches the state. The
# variable is ephemeral, so saved plan files do not record its value either.
variable "ad_bind_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "sailpoint_source" "ad" {
  name                = "Corporate AD"
  connector           = "active-directory"
  owner               = { id = data.sailpoint_identity.owner.id }
  password_policy_ids = []

  connector_attributes = jsonencode({
    domain = "corp.example.com"
  })
  connector_attributes_wo         = jsonencode({ password = var.ad_bind_password })
  connector_attributes_wo_version = 1

  timeouts {
    delete = "30m"
  }
}
