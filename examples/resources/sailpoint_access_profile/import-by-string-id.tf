# An access profile is imported by its ID.
import {
  to = sailpoint_access_profile.example
  id = "2c91808a7813090a017814121919ecca"
}
