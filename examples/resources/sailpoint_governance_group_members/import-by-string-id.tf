# The members of a governance group are imported by the group's ID.
import {
  to = sailpoint_governance_group_members.example
  id = "2c91808568c529c60168cca6f90c1313"
}
