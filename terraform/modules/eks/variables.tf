variable "cluster_name" {
  description = "EKS cluster name, e.g. fintrack-prod. Also the Karpenter discovery tag value and resource name prefix."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,38}$", var.cluster_name))
    error_message = "cluster_name must be lowercase letters, digits and dashes (3-39 chars)."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane."
  type        = string
  default     = "1.32"

  validation {
    condition     = can(regex("^1\\.(2[89]|3[0-9])$", var.kubernetes_version))
    error_message = "kubernetes_version must be a supported minor such as 1.32."
  }
}

variable "account_id" {
  description = "AWS account id (used to build ARNs without an AWS call)."
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

variable "vpc_id" {
  description = "VPC id for the node security group."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnet ids for the control plane ENIs and the system node group."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids needs at least two subnets in different AZs."
  }
}

variable "endpoint_public_access" {
  description = "Expose the API server endpoint publicly (limited to public_access_cidrs). The private endpoint is always on."
  type        = bool
  default     = false
}

variable "public_access_cidrs" {
  description = "CIDRs allowed to reach the public API endpoint. Never 0.0.0.0/0."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.public_access_cidrs : can(cidrhost(c, 0)) && c != "0.0.0.0/0" && tonumber(split("/", c)[1]) >= 8])
    error_message = "public_access_cidrs must be valid CIDRs narrower than /8; 0.0.0.0/0 is not allowed."
  }
}

variable "secrets_kms_key_arn" {
  description = "KMS key ARN for envelope encryption of Kubernetes secrets."
  type        = string

  validation {
    condition     = can(regex("^arn:[a-z-]+:kms:", var.secrets_kms_key_arn))
    error_message = "secrets_kms_key_arn must be a KMS key ARN."
  }
}

variable "logs_kms_key_arn" {
  description = "KMS key ARN encrypting the control-plane log group."
  type        = string
}

variable "sqs_kms_key_arn" {
  description = "KMS key ARN encrypting the Karpenter interruption queue (its policy must allow events.amazonaws.com)."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the control-plane log group in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value of at least 30 days."
  }
}

variable "access_entries" {
  description = "Cluster access entries (API authentication mode), by name: principal ARN plus one EKS access policy, cluster- or namespace-scoped."
  type = map(object({
    principal_arn = string
    policy_arn    = string
    namespaces    = optional(list(string), [])
  }))
  default = {}

  validation {
    condition     = alltrue([for e in values(var.access_entries) : can(regex("^arn:[a-z-]+:iam::[0-9]{12}:role/", e.principal_arn))])
    error_message = "access_entries principal_arn must be IAM role ARNs."
  }
}

variable "system_node_group" {
  description = "Small on-demand node group for cluster-critical add-ons (Karpenter, CoreDNS)."
  type = object({
    instance_types = list(string)
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size_gb   = optional(number, 50)
  })
  default = {
    instance_types = ["m6i.large"]
    min_size       = 2
    max_size       = 3
    desired_size   = 2
  }

  validation {
    condition     = var.system_node_group.min_size >= 1 && var.system_node_group.min_size <= var.system_node_group.desired_size && var.system_node_group.desired_size <= var.system_node_group.max_size
    error_message = "system_node_group must satisfy 1 <= min_size <= desired_size <= max_size."
  }
}

variable "ebs_kms_key_arn" {
  description = "Optional CMK for node root volumes; null uses the account's EBS default key (volumes are always encrypted)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "permissions_boundary" {
  description = "Permissions boundary every IAM role here carries (github-oidc's workload boundary): the CI apply role may create or edit roles only with it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/boundary/[A-Za-z0-9+=,.@_-]+$", var.permissions_boundary))
    error_message = "permissions_boundary must be an IAM policy ARN under the /boundary/ path."
  }
}
