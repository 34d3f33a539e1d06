# A governance group's members is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_governance_group_members.example
  identity = {
    governance_group_id = "2c91808568c529c60168cca6f90c1313"
  }
}
