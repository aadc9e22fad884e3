variable "name_prefix" {
  description = "Role name prefix, e.g. fintrack-prod: services get <prefix>-<service>, add-ons <prefix>-addon-<addon>."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (3-31 chars)."
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

variable "environment" {
  description = "Environment name; external-secrets may read only fintrack/<environment>/* secrets."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider (trusted principal of every role)."
  type        = string
}

variable "oidc_issuer_host" {
  description = "Cluster OIDC issuer without https:// (prefix of the :sub and :aud condition keys)."
  type        = string
}

variable "services" {
  description = "Catalog services by name: the Kubernetes service account and the AWS resources it declares. ARNs are resolved by the caller."
  type = map(object({
    namespace       = string
    service_account = string
    rds_iam_user    = optional(string)
    redis           = optional(bool, false)
    s3 = optional(list(object({
      bucket_arn  = string
      kms_key_arn = string
      access      = string
    })), [])
    sqs = optional(list(object({
      queue_arn   = string
      kms_key_arn = string
      access      = string
    })), [])
    sns = optional(list(object({
      topic_arn   = string
      kms_key_arn = string
      access      = string
    })), [])
  }))

  validation {
    condition     = alltrue([for s in values(var.services) : alltrue([for t in s.sns : t.access == "publish"])])
    error_message = "services[*].sns[*].access must be publish."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : alltrue([for b in s.s3 : contains(["read", "write", "read-write"], b.access)])])
    error_message = "services[*].s3[*].access must be read, write or read-write."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : alltrue([for q in s.sqs : contains(["consume", "send"], q.access)])])
    error_message = "services[*].sqs[*].access must be consume or send."
  }

  validation {
    condition = alltrue([for s in values(var.services) : can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", s.namespace)) && can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", s.service_account))
    ])
    error_message = "services[*].namespace and service_account must be DNS-1123 labels (no wildcards)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.rds_iam_user == null || can(regex("^[a-z_][a-z0-9_]{0,62}$", coalesce(s.rds_iam_user, "x")))])
    error_message = "services[*].rds_iam_user must be a PostgreSQL role name (lowercase, digits, underscore)."
  }
}

variable "redis_replication_group_arn" {
  description = "ARN of the Redis replication group services with `redis = true` connect to (elasticache:Connect)."
  type        = string
  default     = null
}

variable "redis_user_arn" {
  description = "ARN of the IAM-authenticated ElastiCache RBAC user those services log in as."
  type        = string
  default     = null

  validation {
    condition     = !anytrue([for s in values(var.services) : s.redis]) || (var.redis_user_arn != null && var.redis_replication_group_arn != null)
    error_message = "services with redis = true need redis_replication_group_arn and redis_user_arn."
  }
}

variable "secret_names" {
  description = "Secrets Manager names external-secrets may read (catalog.json `secrets`); empty allows fintrack/<environment>/*."
  type        = list(string)
  default     = []
}

variable "rds_resource_id" {
  description = "RDS DbiResourceId used in rds-db:connect ARNs (dbuser:<id>/<user>)."
  type        = string
}

variable "addons" {
  description = "Cluster add-ons that need AWS access, by name, with their service account."
  type = map(object({
    namespace       = string
    service_account = string
  }))
  default = {}

  validation {
    condition     = alltrue([for k in keys(var.addons) : contains(["argocd-image-updater", "aws-load-balancer-controller", "cert-manager", "external-dns", "external-secrets", "karpenter", "keda", "loki"], k)])
    error_message = "addons keys must be one of argocd-image-updater, aws-load-balancer-controller, cert-manager, external-dns, external-secrets, karpenter, keda, loki."
  }
}

variable "ecr_repository_arns" {
  description = "ECR repositories of this environment's services: what Argo CD Image Updater may list and read."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.ecr_repository_arns : can(regex("^arn:[a-z-]+:ecr:[a-z0-9-]+:[0-9]{12}:repository/.+$", a))])
    error_message = "ecr_repository_arns must be ECR repository ARNs."
  }
}

variable "secrets_kms_key_arn" {
  description = "CMK of Secrets Manager secrets readable by external-secrets."
  type        = string
}

variable "loki_bucket_arn" {
  description = "ARN of the Loki chunk/index bucket."
  type        = string
}

variable "loki_kms_key_arn" {
  description = "CMK encrypting the Loki bucket."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone id managed by cert-manager (DNS-01) and external-dns."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]{4,32}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a hosted zone id like Z0123456789ABCDEFGHIJ."
  }
}

variable "vpc_id" {
  description = "VPC id, scopes ec2:CreateSecurityGroup of the load balancer controller."
  type        = string
}

variable "cluster_name" {
  description = "EKS cluster name (Karpenter tag conditions)."
  type        = string
}

variable "cluster_arn" {
  description = "EKS cluster ARN (Karpenter eks:DescribeCluster)."
  type        = string
}

variable "karpenter_node_role_arn" {
  description = "Node role Karpenter may pass to EC2."
  type        = string
}

variable "karpenter_interruption_queue_arn" {
  description = "Interruption queue Karpenter consumes."
  type        = string
}

variable "tags" {
  description = "Tags added to every role."
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
