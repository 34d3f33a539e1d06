# A source is imported by its ID.
terraform import sailpoint_source.example 2c918033103baee0aa18e9b703c43744
