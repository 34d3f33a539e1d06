# A governance group is imported by its ID.
import {
  to = sailpoint_governance_group.example
  id = "2c91808568c529c60168cca6f90c1313"
}
