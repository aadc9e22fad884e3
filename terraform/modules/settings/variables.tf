variable "environment" {
  description = "Environment name."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "account_id" {
  description = "AWS account id of the environment."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  description = "AWS region."
  type        = string
}

variable "partition" {
  description = "AWS partition."
  type        = string
  default     = "aws"
}

variable "vpc_cidr" {
  description = "VPC /16; subnets are x.x.1-3.0/24 public, x.x.11-13.0/24 private, x.x.21-23.0/24 isolated."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && endswith(var.vpc_cidr, "/16")
    error_message = "vpc_cidr must be a /16."
  }
}

variable "azs" {
  description = "Three availability zones."
  type        = list(string)
}

variable "catalog" {
  description = "Decoded catalog.json written by `npm run synth` (the contract with the TypeScript side)."
  type = object({
    accountId   = string
    clusterName = string
    environment = string
    region      = string
    buckets     = list(string)
    queues      = list(string)
    secrets = list(object({
      name       = string
      key        = string
      source     = string
      properties = list(string)
      readers    = list(string)
    }))
    # Hosts the public ALB serves (apps/edge.ts); empty when no service is public.
    edge = object({
      hosts = list(string)
    })
    # CloudWatch alarm thresholds and the Chatbot Slack channel (apps/schema/alarms.ts).
    alarms = optional(object({
      rdsCpuPercent           = number
      rdsFreeStorageGiB       = number
      redisMemoryPercent      = number
      natPortAllocationErrors = number
      natPacketsDropped       = number
      dlqMessages             = number
      slack = optional(object({
        teamId    = string
        channelId = string
      }))
    }))
    addons = list(object({
      name           = string
      namespace      = string
      serviceAccount = string
    }))
    services = list(object({
      name           = string
      namespace      = string
      serviceAccount = string
      ecrRepository  = string
      team           = string
      kedaScaled     = optional(bool, false)
      redis          = optional(bool, false)
      aws = object({
        rdsIamUser = optional(string)
        s3 = optional(list(object({
          access = string
          bucket = string
        })), [])
        sqs = optional(list(object({
          access = string
          queue  = string
        })), [])
        # Topics the service publishes to (apps/flows/*.yaml notify.topic); modules/topics creates them.
        sns = optional(list(object({
          access = string
          topic  = string
        })), [])
      })
    }))
    # apps/tenant-terraform.ts: one modules/tenant call each.
    tenants = optional(list(object({
      name       = string
      mode       = string
      namespace  = optional(string)
      dbUser     = string
      database   = optional(string)
      workloads  = list(object({ service = string, kedaScaled = bool }))
      assumedBy  = list(string)
      buckets    = list(string)
      sendQueues = list(string)
    })), [])
  })

  validation {
    condition     = var.catalog.accountId == var.account_id && var.catalog.clusterName == "fintrack-${var.environment}" && var.catalog.environment == var.environment && var.catalog.region == var.region
    error_message = "catalog.json accountId/clusterName/environment/region do not match this root; re-run `npm run synth` for the right environment."
  }

  validation {
    condition     = alltrue(flatten([for s in var.catalog.services : [for b in s.aws.s3 : contains(var.catalog.buckets, b.bucket)]]))
    error_message = "catalog.json: a service uses an S3 bucket that is not listed in buckets."
  }

  validation {
    condition     = alltrue(flatten([for s in var.catalog.services : [for q in s.aws.sqs : contains(var.catalog.queues, q.queue)]]))
    error_message = "catalog.json: a service uses an SQS queue that is not listed in queues."
  }

  validation {
    condition     = alltrue([for s in var.catalog.secrets : startswith(s.name, "fintrack/${var.catalog.environment}/") && alltrue([for r in s.readers : contains([for x in var.catalog.services : x.name], r)])])
    error_message = "catalog.json: secrets must be named fintrack/<environment>/… and read only by catalog services."
  }

  validation {
    condition     = length(distinct([for s in var.catalog.services : s.name])) == length(var.catalog.services)
    error_message = "catalog.json: service names must be unique."
  }
}

variable "dr_region" {
  description = "Disaster-recovery region (S3 replicas, Secrets Manager replicas, RDS backup replication; the aws.dr provider is configured for it); null: no DR."
  type        = string
  default     = null

  validation {
    condition     = var.dr_region == null || (can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.dr_region)) && var.dr_region != var.region)
    error_message = "dr_region must be an AWS region other than region."
  }
}

variable "spa_host" {
  description = "Public host of the React SPA served by CloudFront (modules/spa), e.g. app.fintrack.io; null: no SPA distribution."
  type        = string
  default     = null
}

variable "single_nat_gateway" {
  description = "Use one NAT gateway (dev) instead of one per AZ."
  type        = bool
}

variable "endpoint_public_access" {
  description = "Public Kubernetes API endpoint (CIDR-limited)."
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

variable "system_node_group" {
  description = "System node group sizing (see modules/eks)."
  type = object({
    instance_types = list(string)
    min_size       = number
    max_size       = number
    desired_size   = number
  })
}

variable "postgres" {
  description = "RDS sizing (see modules/data)."
  type = object({
    instance_class          = string
    allocated_storage       = number
    max_allocated_storage   = number
    multi_az                = bool
    backup_retention_period = number
  })
}

variable "redis" {
  description = "Redis sizing and cluster mode (see modules/data)."
  type = object({
    node_type               = string
    cluster_mode            = optional(string, "enabled")
    num_node_groups         = optional(number, 1)
    replicas_per_node_group = optional(number, 1)
    num_cache_clusters      = optional(number)
    automatic_failover      = bool
  })
}

variable "route53_zone_id" {
  description = "Public hosted zone of this environment, managed by cert-manager (DNS-01) and external-dns."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]{4,32}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a hosted zone id like Z0123456789ABCDEFGHIJ."
  }
}

variable "github_org" {
  description = "GitHub organisation of the platform repository."
  type        = string
}

variable "github_repo" {
  description = "GitHub repository name."
  type        = string
}

variable "access_entries" {
  description = "Human/CI access entries for the cluster (see modules/eks)."
  type = map(object({
    principal_arn = string
    policy_arn    = string
    namespaces    = optional(list(string), [])
  }))
  default = {}
}

variable "log_retention_days" {
  description = "Retention of every CloudWatch log group."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Extra tags (the provider adds default_tags)."
  type        = map(string)
  default     = {}
}

variable "geo_blocked_countries" {
  description = "ISO 3166-1 alpha-2 codes the public ALB's WAF blocks (seed 001 geo restriction; default: comprehensively sanctioned jurisdictions)."
  type        = list(string)
  default     = ["CU", "IR", "KP", "SY"]

  validation {
    condition     = alltrue([for c in var.geo_blocked_countries : can(regex("^[A-Z]{2}$", c))])
    error_message = "geo_blocked_countries must be ISO 3166-1 alpha-2 codes such as KP."
  }
}
