# An identity attribute is imported by its technical name.
import {
  to = sailpoint_identity_attribute.example
  id = "costCenter"
}
