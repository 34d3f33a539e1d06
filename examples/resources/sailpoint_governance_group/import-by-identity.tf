# A governance group is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_governance_group.example
  identity = {
    id = "2c91808568c529c60168cca6f90c1313"
  }
}
