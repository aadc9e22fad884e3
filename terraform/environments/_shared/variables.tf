variable "route53_zone_id" {
  description = "Public hosted zone of this environment, managed by cert-manager (DNS-01) and external-dns. Supplied by CI (TF_VAR_route53_zone_id)."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]{4,32}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a hosted zone id like Z0123456789ABCDEFGHIJ."
  }
}

variable "endpoint_public_access" {
  description = "Expose the Kubernetes API publicly, limited to public_access_cidrs (private endpoint is always on)."
  type        = bool
  default     = false
}

variable "public_access_cidrs" {
  description = "Office/VPN CIDRs allowed to the public API endpoint when enabled. Never 0.0.0.0/0."
  type        = list(string)
  default     = []

  validation {
    condition     = !contains(var.public_access_cidrs, "0.0.0.0/0")
    error_message = "public_access_cidrs must not contain 0.0.0.0/0."
  }
}

variable "access_entries" {
  description = "EKS access entries for people and automation (SSO roles), see modules/eks."
  type = map(object({
    principal_arn = string
    policy_arn    = string
    namespaces    = optional(list(string), [])
  }))
  default = {}
}
