# A provisioning policy is imported by its source ID and usage type.
terraform import sailpoint_source_provisioning_policy.example 2c9180835d2e5168015d32f890ca1581/CREATE
