# An environment's settings, typed and validated once, read by each of its six layer roots
# (environments/<env>/environment.tf calls this module with the environment's values). No resources:
# every layer plans against exactly the same settings, and the names derived here are conventions
# every layer can use without reading another layer's state.
locals {
  name = "fintrack-${var.environment}"
  # Conventions, not settings: the cluster is named like everything else, and the state bucket is
  # the one modules/state-bucket creates (<name>-tfstate-<account>).
  cluster_name      = local.name
  state_bucket_name = "${local.name}-tfstate-${var.account_id}"
  octets            = split(".", split("/", var.vpc_cidr)[0])
  base              = "${local.octets[0]}.${local.octets[1]}"

  # Keys of data at rest (tenant data: databases, cache, objects, messages, secrets) rotate every
  # 90 days (seed 004, "Database Encryption with Customer-Specific Keys"); the others keep 365.
  kms_keys = {
    eks         = { description = "EKS secrets envelope encryption" }
    logs        = { description = "CloudWatch log groups", service_principals = ["logs.${var.region}.amazonaws.com"] }
    rds         = { description = "RDS storage and Performance Insights", rotation_period_in_days = 90 }
    elasticache = { description = "ElastiCache at rest", rotation_period_in_days = 90 }
    s3          = { description = "S3 buckets (SSE-KMS)", service_principals = ["delivery.logs.amazonaws.com"], rotation_period_in_days = 90 }
    sqs         = { description = "SQS queues", service_principals = ["events.amazonaws.com"], rotation_period_in_days = 90 }
    sns         = { description = "SNS topics (the flows' completion notifications)", rotation_period_in_days = 90 }
    secrets     = { description = "Secrets Manager secrets", rotation_period_in_days = 90 }
    ecr         = { description = "ECR repositories" }
    alarms      = { description = "SNS alarm topic", service_principals = ["cloudwatch.amazonaws.com"] }
    spa         = { description = "React SPA bucket (read by CloudFront OAC)", service_principals = ["cloudfront.amazonaws.com"] }
  }
}
