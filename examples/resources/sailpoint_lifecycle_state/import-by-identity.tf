# A lifecycle state is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_lifecycle_state.example
  identity = {
    identity_profile_id = "2c918012f4e1485ffbc284fdca14d2aa"
    id                  = "2c9180835d191a86015d28455b4a2329"
  }
}
