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

  # Other services (e.g. EventBridge delivering to an encrypted SQS queue) need data keys.
  dynamic "statement" {
    for_each = length(local.other_principals[each.key]) > 0 ? [1] : []

    content {
      sid       = "ServiceUse"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = local.other_principals[each.key]
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
