variable "name_prefix" {
  description = "Name prefix, e.g. fintrack-prod (buckets become <prefix>-<bucket>-<account>, queues <prefix>-<queue>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (3-31 chars)."
  }
}

variable "account_id" {
  description = "AWS account id (bucket name suffix, ARNs)."
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
  description = "VPC id of the data-tier security groups."
  type        = string
}

variable "isolated_subnet_ids" {
  description = "Isolated subnets (no internet route) for RDS and ElastiCache."
  type        = list(string)
}

variable "client_cidrs" {
  description = "CIDRs allowed to reach PostgreSQL and Redis: the private (EKS) subnets."
  type        = list(string)

  validation {
    condition     = length(var.client_cidrs) > 0 && alltrue([for c in var.client_cidrs : can(cidrhost(c, 0)) && tonumber(split("/", c)[1]) >= 16])
    error_message = "client_cidrs must be valid CIDRs of /16 or narrower; 0.0.0.0/0 is not allowed."
  }
}

variable "kms_key_arns" {
  description = "CMK ARNs by purpose: rds, elasticache, s3, sqs, secrets, logs."
  type        = map(string)

  validation {
    condition     = alltrue([for k in ["rds", "elasticache", "s3", "sqs", "secrets", "logs"] : can(regex("^arn:[a-z-]+:kms:", lookup(var.kms_key_arns, k, "")))])
    error_message = "kms_key_arns must contain KMS key ARNs for rds, elasticache, s3, sqs, secrets and logs."
  }
}

variable "log_retention_days" {
  description = "Retention of RDS and ElastiCache log groups."
  type        = number
  default     = 365
}

variable "postgres" {
  description = "RDS PostgreSQL 16 sizing and resilience."
  type = object({
    instance_class          = string
    allocated_storage       = number
    max_allocated_storage   = number
    multi_az                = bool
    backup_retention_period = number
    deletion_protection     = optional(bool, true)
    monitoring_interval     = optional(number, 60)
    engine_version          = optional(string, "16")
  })

  validation {
    condition     = var.postgres.backup_retention_period >= 7 && var.postgres.backup_retention_period <= 35
    error_message = "postgres.backup_retention_period must be between 7 and 35 days."
  }

  validation {
    condition     = contains([1, 5, 10, 15, 30, 60], var.postgres.monitoring_interval)
    error_message = "postgres.monitoring_interval must be one of 1, 5, 10, 15, 30, 60 (enhanced monitoring stays on)."
  }

  validation {
    condition     = startswith(var.postgres.engine_version, "16")
    error_message = "postgres.engine_version must be PostgreSQL 16.x."
  }

  validation {
    condition     = var.postgres.max_allocated_storage >= var.postgres.allocated_storage
    error_message = "postgres.max_allocated_storage must be >= allocated_storage."
  }
}

variable "redis" {
  description = <<-EOT
    ElastiCache Redis 7 replication group. cluster_mode "enabled" (the target) shards the keyspace
    into num_node_groups shards of 1 + replicas_per_node_group nodes; "disabled" and "compatible"
    (the in-place migration steps, terraform/README.md) count nodes with num_cache_clusters.
    automatic_failover (and multi-AZ with it) needs at least one replica.
  EOT
  type = object({
    node_type                = string
    cluster_mode             = optional(string, "enabled")
    num_node_groups          = optional(number, 1)
    replicas_per_node_group  = optional(number, 1)
    num_cache_clusters       = optional(number)
    automatic_failover       = bool
    snapshot_retention_limit = optional(number, 7)
  })

  validation {
    condition     = contains(["disabled", "compatible", "enabled"], var.redis.cluster_mode)
    error_message = "redis.cluster_mode must be disabled, compatible or enabled."
  }

  # AWS: cluster mode enabled requires automatic failover (CreateReplicationGroup
  # AutomaticFailoverEnabled), and the shard count is 1-500 with 0-5 replicas per shard.
  validation {
    condition = var.redis.cluster_mode != "enabled" || (
      var.redis.automatic_failover && var.redis.num_cache_clusters == null &&
      var.redis.num_node_groups >= 1 && var.redis.num_node_groups <= 500 &&
      var.redis.replicas_per_node_group >= 1 && var.redis.replicas_per_node_group <= 5
    )
    error_message = "redis.cluster_mode = enabled needs automatic_failover, 1-500 num_node_groups, 1-5 replicas_per_node_group and no num_cache_clusters."
  }

  validation {
    condition = var.redis.cluster_mode == "enabled" || (
      var.redis.num_cache_clusters != null ? (var.redis.num_cache_clusters >= 1 && var.redis.num_cache_clusters <= 6 && (!var.redis.automatic_failover || var.redis.num_cache_clusters >= 2)) : false
    )
    error_message = "redis.cluster_mode = disabled/compatible needs num_cache_clusters 1-6 (>= 2 with automatic_failover)."
  }

  # The online migration to cluster mode needs automatic failover with a replica (AWS ElastiCache
  # guide, "Modifying cluster mode"), so "compatible" is refused without it.
  validation {
    condition     = var.redis.cluster_mode != "compatible" || var.redis.automatic_failover
    error_message = "redis.cluster_mode = compatible needs automatic_failover with at least one replica."
  }
}

variable "buckets" {
  description = "S3 buckets by short name (catalog buckets plus loki). expiration_days = null keeps current objects."
  type = map(object({
    expiration_days = optional(number)
  }))

  validation {
    condition     = alltrue([for k in keys(var.buckets) : can(regex("^[a-z0-9][a-z0-9-]{1,20}$", k))])
    error_message = "bucket short names must be lowercase letters, digits and dashes (2-21 chars)."
  }
}

variable "queues" {
  description = "SQS queue short names from the catalog; each gets a dead-letter queue."
  type        = set(string)

  validation {
    condition     = alltrue([for q in var.queues : can(regex("^[a-z0-9][a-z0-9-]{1,40}$", q))])
    error_message = "queue names must be lowercase letters, digits and dashes."
  }
}

variable "queue_max_receive_count" {
  description = "Receives before a message moves to the dead-letter queue."
  type        = number
  default     = 5
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which non-current object versions expire."
  type        = number
  default     = 90
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
