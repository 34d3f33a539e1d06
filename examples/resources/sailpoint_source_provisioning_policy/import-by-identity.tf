# A provisioning policy is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_source_provisioning_policy.example
  identity = {
    source_id  = "2c918033103baee0aa18e9b703c43744"
    usage_type = "CREATE"
  }
}
