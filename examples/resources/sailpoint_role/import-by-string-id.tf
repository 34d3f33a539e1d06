# A role is imported by its ID.
import {
  to = sailpoint_role.example
  id = "2c918086749d78830174a1a40e121518"
}
