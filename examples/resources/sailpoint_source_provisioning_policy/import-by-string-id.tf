# A provisioning policy is imported by the ID of its source and its usage type.
import {
  to = sailpoint_source_provisioning_policy.example
  id = "2c918033103baee0aa18e9b703c43744/CREATE"
}
