variable "name_prefix" {
  description = "Name prefix, e.g. fintrack-prod (trail <prefix>-audit, bucket <prefix>-audit-<account>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (at most 31 characters, so the bucket name fits 63)."
  }
}

variable "account_id" {
  description = "AWS account id."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  description = "AWS region (the trail's home region)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region such as us-east-1."
  }
}

variable "partition" {
  description = "AWS partition."
  type        = string
  default     = "aws"
}

variable "access_log_bucket_name" {
  description = "Bucket receiving the audit bucket's S3 server access logs (modules/data access_log_bucket_name)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_log_bucket_name))
    error_message = "access_log_bucket_name must be an S3 bucket name."
  }
}

variable "retention_days" {
  description = "Object lock (COMPLIANCE) retention and lifetime of audit logs, in days (PCI DSS 10.5.1: at least one year)."
  type        = number
  default     = 365

  validation {
    condition     = var.retention_days >= 365 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number of at least 365."
  }
}

variable "config_rules" {
  description = "AWS Config managed rules (source identifiers) evaluated in this account."
  type        = list(string)
  default = [
    "CLOUD_TRAIL_ENABLED", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "S3_BUCKET_SSL_REQUESTS_ONLY", "RDS_STORAGE_ENCRYPTED",
    "ENCRYPTED_VOLUMES", "IAM_ROOT_ACCESS_KEY_CHECK", "ROOT_ACCOUNT_MFA_ENABLED", "GUARDDUTY_ENABLED_CENTRALIZED",
  ]

  validation {
    condition     = length(var.config_rules) >= 1 && alltrue([for r in var.config_rules : can(regex("^[A-Z0-9_]+$", r))])
    error_message = "config_rules must be AWS managed rule identifiers such as CLOUD_TRAIL_ENABLED."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
