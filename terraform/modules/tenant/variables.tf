variable "name_prefix" {
  description = "Environment prefix, e.g. fintrack-prod: everything of the tenant is named <prefix>-tenant-<tenant> (apps/aws-names.ts tenantPrefix)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (3-31 chars)."
  }
}

variable "tenant" {
  description = "Tenant name (apps/tenants/<name>.yaml)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", var.tenant)) && length(var.tenant) <= 20
    error_message = "tenant must be lower-case letters, digits and single dashes, at most 20 characters (apps/schema/tenant.ts)."
  }
}

variable "mode" {
  description = "pool: served by the shared services, which assume the tenant's access role; silo: its own workloads with their own IRSA roles."
  type        = string

  validation {
    condition     = contains(["pool", "silo"], var.mode)
    error_message = "mode must be pool or silo."
  }
}

variable "account_id" {
  description = "AWS account id (ARNs are built without an AWS call)."
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
  description = "AWS region."
  type        = string
}

variable "permissions_boundary" {
  description = "Permissions boundary ARN every role of the environment carries (modules/github-oidc)."
  type        = string
}

variable "oidc_provider_arn" {
  description = "The cluster's IAM OIDC provider (IRSA)."
  type        = string
}

variable "oidc_issuer_host" {
  description = "Issuer host of the cluster's OIDC provider, the prefix of the :sub and :aud condition keys."
  type        = string
}

variable "namespace" {
  description = "Namespace of a silo tenant's workloads (tenant-<tenant>); null for pool tenants."
  type        = string
  default     = null

  validation {
    condition     = var.namespace == null || can(regex("^tenant-[a-z0-9-]+$", var.namespace))
    error_message = "namespace must be tenant-<tenant>."
  }
}

variable "workloads" {
  description = "Silo only: the tenant's copies of the dedicated services (service account = service name); each gets its own IRSA role."
  type = list(object({
    service     = string
    keda_scaled = bool
  }))
  default = []

  validation {
    condition     = alltrue([for w in var.workloads : can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", w.service))])
    error_message = "workloads[].service must be a DNS label."
  }

  validation {
    condition     = var.mode == "silo" ? length(var.workloads) > 0 && var.namespace != null : length(var.workloads) == 0 && var.namespace == null
    error_message = "A silo tenant needs a namespace and at least one workload; a pool tenant has neither."
  }
}

variable "assumed_by" {
  description = "Pool only: ARNs of the shared service roles that act for the tenant by assuming its access role."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.assumed_by : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "assumed_by must list IAM role ARNs."
  }

  validation {
    condition     = var.mode == "pool" ? length(var.assumed_by) > 0 : length(var.assumed_by) == 0
    error_message = "A pool tenant needs the shared roles that act for it (assumed_by); a silo tenant acts only through its own workloads."
  }
}

variable "keda_operator" {
  description = "Service account of the KEDA operator, trusted by queue-scaled silo workloads (see modules/workload-identity/keda.tf)."
  type = object({
    namespace       = string
    service_account = string
  })
  default = { namespace = "keda", service_account = "keda-operator" }
}

variable "db_user" {
  description = "PostgreSQL login of the tenant (IAM authentication; apps/tenant-names.ts tenantDbIdentity)."
  type        = string

  validation {
    condition     = can(regex("^tenant_[a-z0-9_]{1,40}$", var.db_user))
    error_message = "db_user must be tenant_<tenant> (a plain PostgreSQL identifier)."
  }
}

variable "buckets" {
  description = "Buckets the tenant's work writes to; the tenant may use only objects under tenants/<tenant>/ in them."
  type        = map(string)
  default     = {}
}

variable "send_queues" {
  description = "Shared queues the tenant's work sends to (e.g. notifications), with the alias of the key that encrypts them."
  type = list(object({
    queue_arn     = string
    kms_key_alias = string
  }))
  default = []

  validation {
    condition     = alltrue([for q in var.send_queues : startswith(q.kms_key_alias, "alias/")])
    error_message = "send_queues[].kms_key_alias must be a KMS alias name (alias/...)."
  }
}

variable "queue_max_receive_count" {
  description = "Receives before a message moves to the tenant's dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.queue_max_receive_count >= 1 && var.queue_max_receive_count <= 1000
    error_message = "queue_max_receive_count must be between 1 and 1000 (SQS redrive policy)."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
