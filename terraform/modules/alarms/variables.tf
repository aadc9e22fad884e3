variable "name_prefix" {
  description = "Name prefix, e.g. fintrack-prod (topic <prefix>-alarms, alarms <prefix>-<what>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (3-31 chars)."
  }
}

variable "account_id" {
  description = "AWS account id (topic policy source account)."
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
  description = "AWS region of the alarms and the topic."
  type        = string
}

variable "kms_key_arn" {
  description = "CMK that encrypts the SNS topic; its key policy must let cloudwatch.amazonaws.com generate data keys."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "thresholds" {
  description = "Alarm thresholds (from the catalog: apps/environments/<env>.yaml alarms)."
  type = object({
    rdsCpuPercent           = number
    rdsFreeStorageGiB       = number
    redisMemoryPercent      = number
    natPortAllocationErrors = number
    natPacketsDropped       = number
    dlqMessages             = number
  })

  validation {
    condition = (
      var.thresholds.rdsCpuPercent > 0 && var.thresholds.rdsCpuPercent <= 100 &&
      var.thresholds.redisMemoryPercent > 0 && var.thresholds.redisMemoryPercent <= 100 &&
      var.thresholds.rdsFreeStorageGiB >= 1 && var.thresholds.natPortAllocationErrors >= 1 &&
      var.thresholds.natPacketsDropped >= 1 && var.thresholds.dlqMessages >= 1
    )
    error_message = "Percent thresholds must be in (0, 100]; storage, NAT and DLQ thresholds at least 1."
  }
}

variable "db_instance_identifier" {
  description = "RDS instance id (DBInstanceIdentifier dimension)."
  type        = string
}

variable "redis_node_ids" {
  description = "ElastiCache node ids (CacheClusterId dimension): one DatabaseMemoryUsagePercentage alarm each."
  type        = list(string)
}

variable "nat_gateway_ids" {
  description = "NAT gateway ids by AZ (keys known at plan time, ids after apply)."
  type        = map(string)
}

variable "dlq_names" {
  description = "Names of every SQS dead-letter queue: one depth alarm each."
  type        = list(string)
}

variable "replications" {
  description = "S3 replication rules to watch (modules/dr), by source bucket short name: one OperationsFailedReplication alarm each."
  type = map(object({
    source_bucket      = string
    destination_bucket = string
    rule_id            = string
  }))
  default = {}
}

variable "slack" {
  description = "AWS Chatbot Slack channel that receives the alarms (the workspace is authorized once in the Chatbot console); null: SNS topic only."
  type = object({
    team_id    = string
    channel_id = string
  })
  default = null

  validation {
    condition     = var.slack == null || (can(regex("^T[A-Z0-9]{5,}$", var.slack.team_id)) && can(regex("^[CG][A-Z0-9]{5,}$", var.slack.channel_id)))
    error_message = "slack.team_id must be a Slack workspace id (T…) and slack.channel_id a channel id (C… or G…)."
  }
}

variable "permissions_boundary" {
  description = "Permissions boundary of the Chatbot channel role (github-oidc's workload boundary)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/boundary/[A-Za-z0-9+=,.@_-]+$", var.permissions_boundary))
    error_message = "permissions_boundary must be an IAM policy ARN under the /boundary/ path."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
