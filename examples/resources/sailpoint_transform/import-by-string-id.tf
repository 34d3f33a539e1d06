# A transform is imported by its ID.
import {
  to = sailpoint_transform.example
  id = "2c9180835d2e5168015d32f890ca1581"
}
