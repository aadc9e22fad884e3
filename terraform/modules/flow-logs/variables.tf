variable "name" {
  description = "Name prefix (fintrack-<env>)."
  type        = string
}

variable "vpc_id" {
  description = "VPC whose traffic is logged."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id like vpc-0123abcd."
  }
}

variable "kms_key_arn" {
  description = "KMS key ARN encrypting the flow log CloudWatch log group."
  type        = string

  validation {
    condition     = can(regex("^arn:[a-z-]+:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "bucket_arn" {
  description = "S3 bucket ARN that also receives the flow logs (Parquet, for Athena); null: CloudWatch only. Its policy must let delivery.logs.amazonaws.com write AWSLogs/<account>/."
  type        = string
  default     = null

  validation {
    condition     = var.bucket_arn == null || can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]+$", var.bucket_arn))
    error_message = "bucket_arn must be an S3 bucket ARN (no key prefix)."
  }
}

variable "retention_days" {
  description = "Retention of the VPC flow log group in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.retention_days)
    error_message = "retention_days must be a CloudWatch retention value of at least 30 days."
  }
}

variable "permissions_boundary" {
  description = "Permissions boundary every IAM role here carries (github-oidc's workload boundary): the CI apply role may create or edit roles only with it."
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
