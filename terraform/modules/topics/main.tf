locals {
  topic_names = { for t, _ in var.topics : t => "${var.name_prefix}-${t}" }
  topic_arns  = { for t, n in local.topic_names : t => "arn:${var.partition}:sns:${var.region}:${var.account_id}:${n}" }
}

# Server-side encryption with the environment's SNS key: a publisher then needs kms:GenerateDataKey
# and kms:Decrypt on that key besides sns:Publish (AWS SNS Developer Guide, "Key management",
# sns-key-management; modules/workload-identity grants both to exactly the publishers).
resource "aws_sns_topic" "this" {
  for_each = local.topic_names

  name              = each.value
  kms_master_key_id = var.kms_key_arn

  tags = merge(var.tags, { "fintrack.io/topic" = each.key })
}

# Within one account an Allow in either the identity or the resource policy suffices and an explicit
# Deny in either wins (IAM User Guide, "Policy evaluation logic", same-account requests), so the
# topic policy only denies: publishing without TLS, and publishing by any principal but the catalog's
# publishers (for an assumed-role session aws:PrincipalArn is the role's ARN; IAM User Guide, "AWS
# global condition context keys").
data "aws_iam_policy_document" "topic" {
  for_each = local.topic_arns

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [each.value]

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

  statement {
    sid       = "OnlyCatalogPublishers"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [each.value]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = sort(var.topics[each.key].publisher_role_arns)
    }
  }
}

resource "aws_sns_topic_policy" "this" {
  for_each = local.topic_names

  arn    = aws_sns_topic.this[each.key].arn
  policy = data.aws_iam_policy_document.topic[each.key].json
}
