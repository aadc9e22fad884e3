variable "name_prefix" {
  description = "Name prefix, e.g. fintrack-prod; the web ACL is <prefix>-edge (contract.json edge.webAclName)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,50}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (at most 51 characters)."
  }
}

variable "hosts" {
  description = "Public host names the ALB serves (catalog.json edge.hosts); the first is the certificate's domain, the rest its SANs."
  type        = list(string)

  validation {
    condition     = length(var.hosts) >= 1 && alltrue([for h in var.hosts : can(regex("^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}$", h))])
    error_message = "hosts must be one or more lowercase DNS names."
  }
}

variable "route53_zone_id" {
  description = "Public hosted zone holding the hosts: ACM's DNS validation records are written there."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]{4,32}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a hosted zone id like Z0123456789ABCDEFGHIJ."
  }
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one client IP may send in 5 minutes before WAF blocks it (seed 001: 2,000)."
  # Validated by modules/web-acl.
  type    = number
  default = 2000
}

variable "geo_blocked_countries" {
  description = "ISO 3166-1 alpha-2 country codes WAF blocks (geo restriction)."
  type        = list(string)

  validation {
    condition     = length(var.geo_blocked_countries) >= 1 && alltrue([for c in var.geo_blocked_countries : can(regex("^[A-Z]{2}$", c))])
    error_message = "geo_blocked_countries must list at least one ISO 3166-1 alpha-2 code such as KP."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key of the WAF log group (the logs key)."
  # Validated by modules/web-acl.
  type = string
}

variable "log_retention_days" {
  description = "Retention of the WAF log group."
  # Validated by modules/web-acl.
  type    = number
  default = 365
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
