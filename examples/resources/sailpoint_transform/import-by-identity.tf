# A transform is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_transform.example
  identity = {
    id = "2c9180835d2e5168015d32f890ca1581"
  }
}
