# Aggregate a directory source after every change of its connector settings: accounts first,
# then entitlements. Run it on demand with
#   terraform apply -invoke=action.sailpoint_source_aggregate.corporate_ad
action "sailpoint_source_aggregate" "corporate_ad" {
  config {
    source_id    = sailpoint_source.ad.id
    entitlements = true

    timeouts {
      invoke = "1h"
    }
  }
}

resource "sailpoint_source" "ad" {
  name      = "Corporate AD"
  connector = "active-directory"
  owner     = { id = data.sailpoint_identity.owner.id }

  connector_attributes = jsonencode({
    domain = "corp.example.com"
  })

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.sailpoint_source_aggregate.corporate_ad]
    }
  }
}

# A delimited-file source is aggregated from a CSV file that the action sends, reprocessing
# every account.
action "sailpoint_source_aggregate" "hr_feed" {
  config {
    source_id            = sailpoint_source.hr.id
    accounts_csv         = file("${path.module}/hr-accounts.csv")
    disable_optimization = true
  }
}
