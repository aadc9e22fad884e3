variable "name_prefix" {
  description = "Name prefix, e.g. fintrack-prod: state bucket <prefix>-tfstate-<account> (the roots' backend and github-oidc's state_bucket_name)."
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
  description = "Region of the state bucket (the backend's region)."
  type        = string
}

variable "noncurrent_version_expiration_days" {
  description = "Days earlier state versions are kept (recovery from a bad apply)."
  type        = number
  default     = 365

  validation {
    condition     = var.noncurrent_version_expiration_days >= 30
    error_message = "Keep earlier state versions at least 30 days."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
