variable "name" {
  description = "Bucket name (globally unique; FinTrack names are fintrack-<env>-<purpose>-<account>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.name))
    error_message = "name must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, dashes)."
  }
}

variable "purpose" {
  description = "Tag fintrack.io/purpose: what the bucket holds (e.g. flow-logs, spa, dr-replica)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.purpose))
    error_message = "purpose must be lowercase kebab-case."
  }
}

variable "kms_key_arn" {
  description = "CMK for SSE-KMS (with a bucket key)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "access_log_bucket" {
  description = "Name of the S3 server access-log bucket this bucket logs to (prefix <name>/)."
  type        = string
}

variable "expiration_days" {
  description = "Days after which current objects expire; null keeps them."
  type        = number
  default     = null

  validation {
    condition     = var.expiration_days == null || try(var.expiration_days >= 1, false)
    error_message = "expiration_days must be null or at least 1."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which non-current object versions expire."
  type        = number
  default     = 90
}

variable "policy_documents" {
  description = "Extra bucket policy JSON documents (e.g. a log delivery service's write grant), merged with the TLS-only deny."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
