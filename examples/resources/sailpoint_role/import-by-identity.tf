# A role is imported by its identity (Terraform >= 1.12): the parts of its import ID by name.
import {
  to = sailpoint_role.example
  identity = {
    id = "2c918086749d78830174a1a40e121518"
  }
}
