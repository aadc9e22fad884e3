# Observability layer (applied last): VPC flow logs (CloudWatch and S3 for Athena), the account's
# audit trail and governance (CloudTrail, Config, GuardDuty, Security Hub), and the CloudWatch alarms
# on the data stores, NAT gateways, DLQs and replication → SNS → AWS Chatbot. Audit lives here, not
# in security, because its buckets log to the data layer's access-log bucket.

# VPC flow logs in S3 for Athena. The log delivery service writes only under AWSLogs/<account>/,
# only for this account's log sources (AWS VPC user guide, "Flow log records in Amazon S3": bucket
# policy AWSLogDeliveryWrite / AWSLogDeliveryAclCheck); the s3 CMK lets it generate data keys.
locals {
  flow_log_bucket = "${module.settings.name}-flow-logs-${module.settings.account_id}"
}

data "aws_iam_policy_document" "flow_log_delivery" {
  statement {
    sid       = "AWSLogDeliveryWrite"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["arn:${module.settings.partition}:s3:::${local.flow_log_bucket}/vpc-flow-logs/AWSLogs/${module.settings.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [module.settings.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${module.settings.partition}:logs:${module.settings.region}:${module.settings.account_id}:*"]
    }
  }

  statement {
    sid       = "AWSLogDeliveryAclCheck"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:${module.settings.partition}:s3:::${local.flow_log_bucket}"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [module.settings.account_id]
    }
  }
}

module "flow_log_bucket" {
  source = "../../../modules/bucket"

  name              = local.flow_log_bucket
  purpose           = "flow-logs"
  kms_key_arn       = local.security.kms_key_arns["s3"]
  access_log_bucket = local.data.access_log_bucket_name
  expiration_days   = module.settings.log_retention_days
  policy_documents  = [data.aws_iam_policy_document.flow_log_delivery.json]
  tags              = module.settings.tags
}

module "flow_logs" {
  source = "../../../modules/flow-logs"

  permissions_boundary = local.security.permissions_boundary_arn
  name                 = module.settings.name
  vpc_id               = local.networking.vpc_id
  kms_key_arn          = local.security.kms_key_arns["logs"]
  bucket_arn           = module.flow_log_bucket.arn
  retention_days       = module.settings.log_retention_days
  tags                 = module.settings.tags
}

# Audit and governance of the environment's account: CloudTrail, Config, GuardDuty, Security Hub.
module "audit" {
  source = "../../../modules/audit"

  name_prefix            = module.settings.name
  account_id             = module.settings.account_id
  region                 = module.settings.region
  partition              = module.settings.partition
  access_log_bucket_name = local.data.access_log_bucket_name
  tags                   = module.settings.tags
}

# CloudWatch alarms on RDS, ElastiCache, the NAT gateways and every DLQ → SNS (CMK) → AWS Chatbot.
module "alarms" {
  source = "../../../modules/alarms"
  providers = {
    aws         = aws
    aws.chatbot = aws.chatbot
  }

  permissions_boundary   = local.security.permissions_boundary_arn
  name_prefix            = module.settings.name
  account_id             = module.settings.account_id
  partition              = module.settings.partition
  region                 = module.settings.region
  kms_key_arn            = local.security.kms_key_arns["alarms"]
  thresholds             = { for k, v in module.settings.alarms : k => v if k != "slack" }
  db_instance_identifier = local.data.db_instance_identifier
  redis_node_ids         = local.data.redis_node_ids
  nat_gateway_ids        = local.networking.nat_gateway_ids
  dlq_names              = sort(concat(local.data.dlq_names, local.platform.tenant_dlq_names))
  replications           = local.data.replications
  slack                  = module.settings.alarms.slack == null ? null : { team_id = module.settings.alarms.slack.teamId, channel_id = module.settings.alarms.slack.channelId }
  tags                   = module.settings.tags
}
