variable "name" {
  description = "Name of the application, and of its source in ISC."
  type        = string
}

variable "owner_alias" {
  description = "Alias of the identity that owns the source."
  type        = string
}

variable "jdbc_url" {
  description = "JDBC URL of the application database."
  type        = string
}

variable "db_user" {
  description = "Database account ISC connects with."
  type        = string
  default     = "isc_reader"
}

variable "db_password" {
  description = "Password of db_user; sent to ISC write-only, never stored in state."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "db_password_version" {
  description = "Change it to send db_password again, for example after a rotation."
  type        = number
  default     = 1
}

variable "entitlement_attribute" {
  description = "Account attribute that holds the application's roles."
  type        = string
  default     = "role"
}

variable "aggregation_cron" {
  description = "When ISC aggregates the accounts: a Quartz cron expression (seconds first)."
  type        = string
  default     = "0 0 2 * * ?"

  validation {
    condition     = contains([6, 7], length(split(" ", var.aggregation_cron)))
    error_message = "aggregation_cron must be a Quartz cron expression of 6 or 7 fields, seconds first, such as \"0 0 2 * * ?\"."
  }
}
