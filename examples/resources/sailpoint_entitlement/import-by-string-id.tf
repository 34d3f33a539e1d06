# An entitlement is imported by its ID, or by its source's ID and its value: SOURCE_ID/VALUE.
import {
  to = sailpoint_entitlement.example
  id = "2c9180e731530f90eb0d532c39af38be/AP_APPROVER"
}
