# A schema is imported by the ID of its source and its own ID.
import {
  to = sailpoint_source_schema.example
  id = "2c918033103baee0aa18e9b703c43744/2c9180e22202cfdbcb187f04756fa75b"
}
