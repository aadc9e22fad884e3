variable "name_prefix" {
  description = "Name prefix, e.g. fintrack-prod (bucket <prefix>-spa-<account>, web ACL <prefix>-spa)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (3-31 chars)."
  }
}

variable "account_id" {
  description = "AWS account id (bucket name suffix)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  description = "Region of the SPA bucket (its regional S3 endpoint is the CloudFront origin)."
  type        = string
}

variable "host" {
  description = "Public host name of the React SPA (e.g. app.fintrack.io); the certificate and the alias record are for it."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}$", var.host))
    error_message = "host must be a DNS name."
  }
}

variable "api_origin" {
  description = "Origin the SPA calls (CSP connect-src), e.g. https://api.fintrack.io."
  type        = string

  validation {
    condition     = can(regex("^https://[a-z0-9.-]+$", var.api_origin))
    error_message = "api_origin must be an https:// origin without a path."
  }
}

variable "route53_zone_id" {
  description = "Hosted zone of host (certificate validation and alias records)."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]{5,31}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a Route 53 hosted zone id."
  }
}

variable "kms_key_arn" {
  description = "CMK of the SPA bucket; its key policy must let cloudfront.amazonaws.com decrypt (OAC reads SSE-KMS objects)."
  type        = string
}

variable "access_log_bucket" {
  description = "S3 server access-log bucket of the SPA bucket."
  type        = string
}

variable "log_kms_key_arn" {
  description = "CMK of the WAF log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the WAF log group."
  type        = number
  default     = 365
}

variable "rate_limit_per_5_minutes" {
  description = "Requests per client IP per 5 minutes before WAF blocks it (seed 001: 2,000)."
  # Validated by modules/web-acl.
  type    = number
  default = 2000
}

variable "geo_blocked_countries" {
  description = "ISO 3166-1 alpha-2 countries blocked by the web ACL and the distribution."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.geo_blocked_countries : can(regex("^[A-Z]{2}$", c))])
    error_message = "geo_blocked_countries must be ISO 3166-1 alpha-2 codes."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
