# A source schema is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_source_schema.example
  identity = {
    source_id = "2c918033103baee0aa18e9b703c43744"
    id        = "2c9180e22202cfdbcb187f04756fa75b"
  }
}
