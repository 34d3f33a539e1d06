# An access profile is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_access_profile.example
  identity = {
    id = "2c91808a7813090a017814121919ecca"
  }
}
