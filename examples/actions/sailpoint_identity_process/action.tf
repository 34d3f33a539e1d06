# Process the identities in processing error once a fix of the transform they failed on is
# applied, at most 200 of them. Run it on demand with
#   terraform apply -invoke=action.sailpoint_identity_process.failed
action "sailpoint_identity_process" "failed" {
  config {
    filters        = "processingState eq \"ERROR\""
    max_identities = 200

    timeouts {
      invoke = "1h"
    }
  }
}

resource "sailpoint_transform" "department" {
  name = "Department code"
  type = "lower"
  attributes = jsonencode({
    input = { type = "accountAttribute", attributes = { sourceName = "HR", attributeName = "dept" } }
  })

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.sailpoint_identity_process.failed]
    }
  }
}

# A few named identities, such as the test users of a new identity profile.
action "sailpoint_identity_process" "pilot" {
  config {
    identity_ids = [for i in data.sailpoint_identities.pilot.identities : i.id]
  }
}

data "sailpoint_identities" "pilot" {
  filters = "email sw \"pilot.\""
}
