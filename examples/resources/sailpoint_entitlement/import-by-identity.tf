# An entitlement is imported (adopted) by its identity (Terraform >= 1.12): its ID. An import by
# string ID takes SOURCE_ID/VALUE as well; the identity is the ID either way.
import {
  to = sailpoint_entitlement.example
  identity = {
    id = "2c9180835d191a86015d28455b4a2329"
  }
}
