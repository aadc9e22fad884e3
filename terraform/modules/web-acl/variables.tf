variable "name" {
  description = "Web ACL name; its log group is aws-waf-logs-<name>."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]{1,128}$", var.name))
    error_message = "name must be lower-case letters, digits and dashes."
  }
}

variable "description" {
  description = "What the web ACL protects."
  type        = string
}

variable "scope" {
  description = "REGIONAL (an ALB) or CLOUDFRONT (a distribution; the provider must be us-east-1)."
  type        = string

  validation {
    condition     = contains(["REGIONAL", "CLOUDFRONT"], var.scope)
    error_message = "scope must be REGIONAL or CLOUDFRONT."
  }
}

variable "managed_rule_groups" {
  description = "AWS managed rule groups, evaluated in this order (priorities 10, 20, …) after the rate limit and the geo restriction."
  type        = list(string)

  validation {
    condition     = length(var.managed_rule_groups) > 0 && alltrue([for g in var.managed_rule_groups : startswith(g, "AWSManagedRules")])
    error_message = "managed_rule_groups must name at least one AWS managed rule group (AWSManagedRules…)."
  }
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one client IP may send in 5 minutes before WAF blocks it (seed 001: 2,000)."
  type        = number
  default     = 2000

  validation {
    # AWS WAF RateBasedStatement Limit: 10 to 2,000,000,000 (WAFV2 API reference, RateBasedStatement).
    condition     = var.rate_limit_per_5_minutes >= 10 && var.rate_limit_per_5_minutes <= 2000000000 && floor(var.rate_limit_per_5_minutes) == var.rate_limit_per_5_minutes
    error_message = "rate_limit_per_5_minutes must be a whole number from 10 to 2,000,000,000."
  }
}

variable "geo_blocked_countries" {
  description = "ISO 3166-1 alpha-2 country codes the web ACL blocks; empty: no geo rule."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.geo_blocked_countries : can(regex("^[A-Z]{2}$", c))])
    error_message = "geo_blocked_countries must be ISO 3166-1 alpha-2 codes such as KP."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key of the WAF log group (the logs key)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN."
  }
}

variable "log_retention_days" {
  description = "Retention of the WAF log group."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value of at least 365 days."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
