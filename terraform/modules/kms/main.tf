locals {
  root_arn = "arn:${var.partition}:iam::${var.account_id}:root"

  # Explicit administrative and usage actions for the account root (no "kms:*"): IAM policies in
  # this account can then grant narrower use. Listing them keeps the key policy free of wildcards.
  root_actions = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:CreateGrant",
    "kms:Decrypt",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:RetireGrant",
    "kms:RevokeGrant",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
  ]

  logs_principals  = { for k, v in var.keys : k => [for p in v.service_principals : p if startswith(p, "logs.")] }
  other_principals = { for k, v in var.keys : k => [for p in v.service_principals : p if !startswith(p, "logs.")] }

  # What each service's use of a key is held to: only on behalf of this account's resources, with
  # the condition keys its KMS requests carry.
  service_conditions = {
    # CloudWatch Logs user guide, "Logs sent to Amazon S3" (SSE-KMS key policy for log delivery).
    "delivery.logs.amazonaws.com" = [
      { test = "StringEquals", variable = "aws:SourceAccount", values = [var.account_id] },
      { test = "ArnLike", variable = "aws:SourceArn", values = ["arn:${var.partition}:logs:${var.region}:${var.account_id}:*"] },
    ]
    # CloudFront developer guide, "Restrict access to an Amazon S3 origin" (SSE-KMS): the
    # distribution's ARN; any distribution of this account (the SPA's is created in a later layer).
    "cloudfront.amazonaws.com" = [
      { test = "ArnLike", variable = "aws:SourceArn", values = ["arn:${var.partition}:cloudfront::${var.account_id}:distribution/*"] },
    ]
    # EventBridge delivering to an encrypted queue: SQS asks for the data key with the queue ARN as
    # encryption context (SQS developer guide, "Encryption context"); EventBridge's requests carry no
    # aws:SourceAccount/aws:SourceArn for KMS (SNS developer guide, AWS service event sources).
    "events.amazonaws.com" = [
      { test = "ArnLike", variable = "kms:EncryptionContext:aws:sqs:arn", values = ["arn:${var.partition}:sqs:${var.region}:${var.account_id}:*"] },
    ]
    # CloudWatch alarms publishing to an encrypted topic: SNS's encryption context is the topic ARN
    # (SNS developer guide, "Encryption context").
    "cloudwatch.amazonaws.com" = [
      { test = "ArnLike", variable = "kms:EncryptionContext:aws:sns:topicArn", values = ["arn:${var.partition}:sns:${var.region}:${var.account_id}:*"] },
    ]
  }
}

data "aws_iam_policy_document" "key" {
  for_each = var.keys

  statement {
    sid       = "AccountAdministration"
    effect    = "Allow"
    actions   = local.root_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.root_arn]
    }
  }

  # CloudWatch Logs is scoped to this account's log groups through the encryption context.
  dynamic "statement" {
    for_each = length(local.logs_principals[each.key]) > 0 ? [1] : []

    content {
      sid       = "CloudWatchLogsUse"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = local.logs_principals[each.key]
      }

      condition {
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:*"]
      }
    }
  }

  # Other services (e.g. EventBridge delivering to an encrypted SQS queue) need data keys, each in
  # its own statement with its own conditions (service_conditions).
  dynamic "statement" {
    for_each = toset(local.other_principals[each.key])

    content {
      sid       = "ServiceUse${join("", [for w in split(".", split(".amazonaws.com", statement.value)[0]) : title(w)])}"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = [statement.value]
      }

      dynamic "condition" {
        for_each = local.service_conditions[statement.value]

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = var.keys

  description             = "${var.name_prefix} ${each.value.description}"
  enable_key_rotation     = true
  rotation_period_in_days = each.value.rotation_period_in_days
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = data.aws_iam_policy_document.key[each.key].json

  tags = merge(var.tags, { Name = "${var.name_prefix}-${each.key}" })
}

resource "aws_kms_alias" "this" {
  for_each = var.keys

  name          = "alias/${var.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}
