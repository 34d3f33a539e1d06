# A schedule is imported by the ID of its source and its type (ACCOUNT_AGGREGATION or
# GROUP_AGGREGATION).
import {
  to = sailpoint_source_schedule.example
  id = "2c918033103baee0aa18e9b703c43744/ACCOUNT_AGGREGATION"
}
