# Test the connection of a source after every change of its connector settings; a failed test
# fails the apply with what ISC says went wrong. Run it on demand with
#   terraform apply -invoke=action.sailpoint_source_test_connection.crm
action "sailpoint_source_test_connection" "crm" {
  config {
    source_id = sailpoint_source.crm.id
  }
}

resource "sailpoint_source" "crm" {
  name      = "CRM"
  connector = "web-services"
  owner     = { id = data.sailpoint_identity.owner.id }

  connector_attributes = jsonencode({
    baseUrl = "https://crm.example.com/api"
  })

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.sailpoint_source_test_connection.crm]
    }
  }
}
