variable "name_prefix" {
  description = "Name prefix, e.g. fintrack-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (3-31 chars)."
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

variable "partition" {
  description = "AWS partition."
  type        = string
  default     = "aws"
}

variable "region" {
  description = "Primary region (where the data lives)."
  type        = string
}

variable "dr_region" {
  description = "Disaster-recovery region; the aws.dr provider must be configured for it."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.dr_region))
    error_message = "dr_region must be an AWS region such as us-west-2."
  }
}

variable "buckets" {
  description = "Primary buckets to replicate, by short name: versioned name (the replication rule needs versioning first), SSE-KMS key and expiration of current objects (null keeps them)."
  type = map(object({
    name            = string
    kms_key_arn     = string
    expiration_days = optional(number)
  }))
}

variable "rds_instance_arn" {
  description = "ARN of the RDS instance whose automated backups are replicated."
  type        = string
}

variable "rds_backup_retention_days" {
  description = "Retention of the replicated automated backups (RDS allows 1-35)."
  type        = number

  validation {
    condition     = var.rds_backup_retention_days >= 1 && var.rds_backup_retention_days <= 35
    error_message = "rds_backup_retention_days must be between 1 and 35."
  }
}

variable "permissions_boundary" {
  description = "Permissions boundary of the replication role (github-oidc's workload boundary)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/boundary/[A-Za-z0-9+=,.@_-]+$", var.permissions_boundary))
    error_message = "permissions_boundary must be an IAM policy ARN under the /boundary/ path."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
