# CloudWatch alarms on the AWS base → one KMS-encrypted SNS topic → AWS Chatbot in Slack.
# Thresholds come from the catalog (apps/environments/<env>.yaml `alarms`, via catalog.json).

locals {
  topic_name = "${var.name_prefix}-alarms"
  topic_arn  = "arn:${var.partition}:sns:${var.region}:${var.account_id}:${local.topic_name}"
  gib        = 1073741824

  # One alarm per metric stream; every alarm notifies the topic on ALARM and OK.
  alarms = merge(
    {
      rds-cpu = {
        description = "RDS ${var.db_instance_identifier} CPU above ${var.thresholds.rdsCpuPercent}% for 15 minutes"
        namespace   = "AWS/RDS", metric = "CPUUtilization", statistic = "Average", period = 300, periods = 3
        comparison  = "GreaterThanThreshold", threshold = var.thresholds.rdsCpuPercent
        dimensions  = { DBInstanceIdentifier = var.db_instance_identifier }
      }
      rds-free-storage = {
        description = "RDS ${var.db_instance_identifier} free storage below ${var.thresholds.rdsFreeStorageGiB} GiB"
        namespace   = "AWS/RDS", metric = "FreeStorageSpace", statistic = "Minimum", period = 300, periods = 1
        comparison  = "LessThanThreshold", threshold = var.thresholds.rdsFreeStorageGiB * local.gib
        dimensions  = { DBInstanceIdentifier = var.db_instance_identifier }
      }
    },
    { for id in var.redis_node_ids : "redis-memory-${id}" => {
      description = "ElastiCache node ${id} memory above ${var.thresholds.redisMemoryPercent}% of maxmemory for 15 minutes"
      namespace   = "AWS/ElastiCache", metric = "DatabaseMemoryUsagePercentage", statistic = "Average", period = 300, periods = 3
      comparison  = "GreaterThanThreshold", threshold = var.thresholds.redisMemoryPercent
      dimensions  = { CacheClusterId = id }
    } },
    { for az, id in var.nat_gateway_ids : "nat-port-allocation-${az}" => {
      description = "NAT gateway in ${az} failed to allocate source ports (ErrorPortAllocation)"
      namespace   = "AWS/NATGateway", metric = "ErrorPortAllocation", statistic = "Sum", period = 300, periods = 1
      comparison  = "GreaterThanOrEqualToThreshold", threshold = var.thresholds.natPortAllocationErrors
      dimensions  = { NatGatewayId = id }
    } },
    { for az, id in var.nat_gateway_ids : "nat-packets-dropped-${az}" => {
      description = "NAT gateway in ${az} dropped packets (PacketsDropCount)"
      namespace   = "AWS/NATGateway", metric = "PacketsDropCount", statistic = "Sum", period = 300, periods = 1
      comparison  = "GreaterThanOrEqualToThreshold", threshold = var.thresholds.natPacketsDropped
      dimensions  = { NatGatewayId = id }
    } },
    # S3 replication metrics (RTC's "metrics" block): SourceBucket, DestinationBucket, RuleId dimensions
    # (S3 user guide, "Monitoring progress with replication metrics").
    { for k, r in var.replications : "s3-replication-failed-${k}" => {
      description = "S3 replication of ${r.source_bucket} to ${r.destination_bucket} failed operations"
      namespace   = "AWS/S3", metric = "OperationsFailedReplication", statistic = "Sum", period = 300, periods = 1
      comparison  = "GreaterThanOrEqualToThreshold", threshold = 1
      dimensions  = { SourceBucket = r.source_bucket, DestinationBucket = r.destination_bucket, RuleId = r.rule_id }
    } },
    { for q in var.dlq_names : "dlq-${q}" => {
      description = "Dead-letter queue ${q} holds failed messages"
      namespace   = "AWS/SQS", metric = "ApproximateNumberOfMessagesVisible", statistic = "Maximum", period = 300, periods = 1
      comparison  = "GreaterThanOrEqualToThreshold", threshold = var.thresholds.dlqMessages
      dimensions  = { QueueName = q }
    } },
  )
}

# --- SNS topic ---------------------------------------------------------------------------------

resource "aws_sns_topic" "alarms" {
  name              = local.topic_name
  kms_master_key_id = var.kms_key_arn

  # A platform topic, not a flow's (contract.json lists only the flows' topics).
  tags = merge(var.tags, { "fintrack.io/purpose" = "alarms" })
}

# CloudWatch publishes only for alarms of this account; nobody publishes without TLS.
data "aws_iam_policy_document" "topic" {
  statement {
    sid       = "CloudWatchAlarms"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [local.topic_arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${var.partition}:cloudwatch:${var.region}:${var.account_id}:alarm:${var.name_prefix}-*"]
    }
  }

  # Nobody else publishes: IAM principals carry no aws:PrincipalServiceName (IfExists denies them),
  # other services carry theirs (IAM user guide, global condition keys, aws:PrincipalServiceName).
  statement {
    sid       = "OnlyCloudWatchPublishes"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [local.topic_arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEqualsIfExists"
      variable = "aws:PrincipalServiceName"
      values   = ["cloudwatch.amazonaws.com"]
    }
  }

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [local.topic_arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  arn    = aws_sns_topic.alarms.arn
  policy = data.aws_iam_policy_document.topic.json
}

# --- Alarms -------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name_prefix}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.periods
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  dimensions          = each.value.dimensions
  treat_missing_data  = "notBreaching"
  # The topic ARN is built from its name so the plan shows where every alarm goes.
  alarm_actions = [local.topic_arn]
  ok_actions    = [local.topic_arn]

  tags = var.tags

  depends_on = [aws_sns_topic_policy.alarms]
}

# --- AWS Chatbot → Slack ------------------------------------------------------------------------
# The Chatbot API exists only in us-east-2, us-west-2, eu-west-1 and ap-southeast-1 (Chatbot API
# reference, Welcome; no us-east-1 endpoint), so the channel is created through aws.chatbot; it
# subscribes to the topic in this region.

data "aws_region" "chatbot" {
  provider = aws.chatbot
}

# Chatbot defaults a channel's guardrail to AdministratorAccess when none is set (Chatbot API,
# SlackChannelConfiguration GuardrailPolicyArns), so the guardrail and the role stay read-only
# and each Slack user must authorize their own role for commands.

data "aws_iam_policy_document" "chatbot_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["chatbot.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "chatbot" {
  count = var.slack == null ? 0 : 1

  name                 = "${var.name_prefix}-chatbot"
  permissions_boundary = var.permissions_boundary
  assume_role_policy   = data.aws_iam_policy_document.chatbot_trust.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "chatbot" {
  count = var.slack == null ? 0 : 1

  role       = aws_iam_role.chatbot[0].name
  policy_arn = "arn:${var.partition}:iam::aws:policy/CloudWatchReadOnlyAccess"
}

resource "aws_chatbot_slack_channel_configuration" "alarms" {
  provider = aws.chatbot
  count    = var.slack == null ? 0 : 1

  configuration_name          = "${var.name_prefix}-alarms"
  iam_role_arn                = aws_iam_role.chatbot[0].arn
  slack_team_id               = var.slack.team_id
  slack_channel_id            = var.slack.channel_id
  sns_topic_arns              = [aws_sns_topic.alarms.arn]
  guardrail_policy_arns       = ["arn:${var.partition}:iam::aws:policy/CloudWatchReadOnlyAccess"]
  user_authorization_required = true
  logging_level               = "ERROR"

  tags = var.tags

  lifecycle {
    precondition {
      condition     = contains(["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"], data.aws_region.chatbot.name)
      error_message = "aws.chatbot must be configured for a region with the Chatbot API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1."
    }
  }
}
