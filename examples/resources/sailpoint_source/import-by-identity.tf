# A source is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_source.example
  identity = {
    id = "2c918033103baee0aa18e9b703c43744"
  }
}
