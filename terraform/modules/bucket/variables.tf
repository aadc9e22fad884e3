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
  description = "CMK for SSE-KMS (with a bucket key). null only for an access-log bucket (purpose access-logs): S3 server access logs cannot be delivered to SSE-KMS, so it uses SSE-S3."
  type        = string

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "access_log_bucket" {
  description = "Name of the S3 server access-log bucket this bucket logs to (prefix <name>/); null only for an access-log bucket itself."
  type        = string

  validation {
    condition     = var.access_log_bucket != null || var.purpose == "access-logs"
    error_message = "Only an access-log bucket (purpose access-logs) may skip access logging."
  }
}

variable "is_access_log_bucket" {
  description = "Receives S3 server access logs: SSE-S3 and a policy letting logging.s3.amazonaws.com write for this account."
  type        = bool
  default     = false

  validation {
    condition     = !var.is_access_log_bucket || var.purpose == "access-logs"
    error_message = "An access-log bucket must have purpose access-logs."
  }
}

variable "account_id" {
  description = "Account whose buckets may deliver access logs here (is_access_log_bucket only)."
  type        = string
  default     = null
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
