# An identity profile is imported by its ID.
import {
  to = sailpoint_identity_profile.example
  id = "2c918012f4e1485ffbc284fdca14d2aa"
}
