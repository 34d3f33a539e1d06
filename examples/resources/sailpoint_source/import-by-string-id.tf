# A source is imported by its ID. ISC returns no secrets: add them afterwards with
# connector_attributes_wo (the plan names the ones the source holds).
import {
  to = sailpoint_source.example
  id = "2c918033103baee0aa18e9b703c43744"
}
