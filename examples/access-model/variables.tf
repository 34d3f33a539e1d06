variable "owner_alias" {
  description = "Alias of the identity that owns the governance group, the entitlement, the access profile and the role."
  type        = string
  default     = "alice.morgan"
}

variable "erp_source_name" {
  description = "Name of the aggregated ERP source whose entitlements the access profile bundles."
  type        = string
  default     = "Finance ERP"
}

variable "department" {
  description = "The department whose identities hold the role."
  type        = string
  default     = "Finance"
}
