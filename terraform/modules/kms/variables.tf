variable "name_prefix" {
  description = "Prefix for aliases and names, e.g. fintrack-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,40}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (3-41 chars)."
  }
}

variable "account_id" {
  description = "AWS account id that owns the keys (the key policy administrator is this account's root)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "partition" {
  description = "AWS partition (aws, aws-us-gov, aws-cn). A variable so plans need no AWS call."
  type        = string
  default     = "aws"
}

variable "region" {
  description = "AWS region, used for regional service principals such as logs.<region>.amazonaws.com."
  type        = string
}

variable "keys" {
  description = "Customer managed keys to create, by purpose. service_principals may use the key through the key policy (e.g. logs.us-east-1.amazonaws.com); everything else uses it through IAM policies of this account. rotation_period_in_days: automatic rotation period (AWS allows 90-2560; data-at-rest keys use 90)."
  type = map(object({
    description             = string
    service_principals      = optional(list(string), [])
    rotation_period_in_days = optional(number, 365)
  }))

  validation {
    condition     = alltrue([for k in values(var.keys) : k.rotation_period_in_days >= 90 && k.rotation_period_in_days <= 2560 && floor(k.rotation_period_in_days) == k.rotation_period_in_days])
    error_message = "rotation_period_in_days must be a whole number of days between 90 and 2560 (the KMS EnableKeyRotation range)."
  }

  validation {
    condition     = alltrue([for k in keys(var.keys) : can(regex("^[a-z][a-z0-9-]*$", k))])
    error_message = "Key purposes (map keys) must be lowercase kebab-case."
  }

  validation {
    condition = alltrue(flatten([
      for k in values(var.keys) : [for p in k.service_principals : can(regex("^logs\\.[a-z0-9-]+\\.amazonaws\\.com$", p)) || contains(["delivery.logs.amazonaws.com", "cloudfront.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com"], p)]
    ]))
    error_message = "service_principals must be logs.<region>.amazonaws.com or a service whose key use this module knows how to scope (delivery.logs, cloudfront, events, cloudwatch; main.tf service_conditions)."
  }
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled key deletion completes."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "deletion_window_in_days must be between 7 and 30."
  }
}

variable "tags" {
  description = "Tags added to every key."
  type        = map(string)
  default     = {}
}
