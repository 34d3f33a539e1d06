variable "description" {
  description = "Description of the source; change it to see an in-place update."
  type        = string
  default     = "HR accounts from a nightly CSV export"
}

variable "owner_alias" {
  description = "Alias of the identity that owns the source and the identity profile. The default is the emulator's admin identity; set your own for a real tenant."
  type        = string
  default     = "isc.admin"
}

variable "demo_password" {
  description = "A connector secret, to show write-only attributes. Never stored in state or in plan files."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "demo-password-not-a-secret"
}
