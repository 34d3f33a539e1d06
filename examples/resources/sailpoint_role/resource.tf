data "sailpoint_identity" "owner" {
  alias = "isc.admin"
}

data "sailpoint_source" "hr" {
  name = "HR Feed"
}

data "sailpoint_access_profile" "accounts_payable" {
  name = "Accounts Payable"
}

data "sailpoint_access_profile" "vpn" {
  name = "VPN Access"
}

data "sailpoint_governance_group" "finance_approvers" {
  name = "Finance Approvers"
}

# Everyone in Finance, and contractors on the Accounts Payable team, get the accounts payable
# access and the VPN; others may request the role, approved by the finance approvers.
resource "sailpoint_role" "accounts_payable" {
  name        = "Accounts Payable Clerk"
  description = "Supplier invoices, from anywhere"
  owner       = { id = data.sailpoint_identity.owner.id }
  access_profile_ids = [
    data.sailpoint_access_profile.accounts_payable.id,
    data.sailpoint_access_profile.vpn.id,
  ]
  enabled     = true
  requestable = true

  membership = {
    type = "STANDARD"
    criteria = {
      operation = "OR"
      children = [
        {
          operation    = "EQUALS"
          key          = { type = "IDENTITY", property = "attribute.department" }
          string_value = "Finance"
        },
        {
          operation = "AND"
          children = [
            {
              operation    = "EQUALS"
              key          = { type = "ACCOUNT", property = "attribute.team", source_id = data.sailpoint_source.hr.id }
              string_value = "Accounts Payable"
            },
            {
              operation    = "STARTS_WITH"
              key          = { type = "IDENTITY", property = "attribute.employeeType" }
              string_value = "contract"
            },
          ]
        },
      ]
    }
  }

  access_request_config = {
    comments_required = true
    approval_schemes = [
      { approver_type = "MANAGER" },
      { approver_type = "GOVERNANCE_GROUP", approver_id = data.sailpoint_governance_group.finance_approvers.id },
    ]
  }
}

# A role for a list of identities.
resource "sailpoint_role" "auditors" {
  name               = "External Auditors"
  owner              = { id = data.sailpoint_identity.owner.id }
  access_profile_ids = [data.sailpoint_access_profile.accounts_payable.id]
  enabled            = true

  membership = {
    type         = "IDENTITY_LIST"
    identity_ids = ["2c9180c3c720a2b3053a0fdcc81b9779", "2c9180d5d5b1c80e944e2340db7bc056"]
  }
}
