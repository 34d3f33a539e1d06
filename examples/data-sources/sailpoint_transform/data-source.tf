# A transform made in the UI, looked up by the name it has in every tenant.
data "sailpoint_transform" "lower_email" {
  name = "Lower Email"
}

output "lower_email_type" {
  value = data.sailpoint_transform.lower_email.type
}
