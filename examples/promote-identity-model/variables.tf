variable "owner_alias" {
  description = "Alias of the identity that owns the partners' profile, the same in every tenant."
  type        = string
  default     = "dev.patel"
}
