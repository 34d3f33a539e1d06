# A lifecycle state is imported by the ID of its identity profile and its own ID.
import {
  to = sailpoint_lifecycle_state.example
  id = "2c918012f4e1485ffbc284fdca14d2aa/2c9180835d191a86015d28455b4a2329"
}
