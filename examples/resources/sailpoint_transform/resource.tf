# The e-mail address of an HR account, in lower case.
resource "sailpoint_transform" "lower_email" {
  name = "Lower Email"
  type = "lower"
  attributes = jsonencode({
    input = {
      type = "accountAttribute"
      attributes = {
        attributeName = "mail"
        sourceName    = "HR Feed"
      }
    }
  })
}

# A transform that builds on another one by name: the reference follows the transform's name,
# so Terraform creates the referenced one first.
resource "sailpoint_transform" "work_email" {
  name = "Work Email"
  type = "firstValid"
  attributes = jsonencode({
    values = [
      { type = "reference", attributes = { id = sailpoint_transform.lower_email.name } },
      { type = "static", attributes = { value = "unknown@example.com" } },
    ]
  })
}

# A type without attributes.
resource "sailpoint_transform" "uuid" {
  name = "Random UUID"
  type = "uuid"
}
