# An identity profile is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_identity_profile.example
  identity = {
    id = "2c918012f4e1485ffbc284fdca14d2aa"
  }
}
