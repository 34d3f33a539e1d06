# An identity attribute is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_identity_attribute.example
  identity = {
    name = "costCenter"
  }
}
