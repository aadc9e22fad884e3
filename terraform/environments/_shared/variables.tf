# Variables of every layer root (each links this file), supplied by CI (TF_VAR_*); module.settings
# (environment.tf) validates them.
variable "route53_zone_id" {
  description = "Public hosted zone of this environment, managed by cert-manager (DNS-01) and external-dns. Supplied by CI (TF_VAR_route53_zone_id)."
  type        = string
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
