locals {
  secrets = { for s in var.secrets : s.name => s }
  written = { for k, s in local.secrets : k => s if s.source == "terraform" }
}

# One secret per name the rendered ExternalSecrets read (the catalog's list, never a hand-kept
# one), encrypted with the secrets CMK. Values Terraform knows (endpoints, queue URLs) are written
# below; the others are put in by an operator (terraform/README.md "Operator-provided secrets").
resource "aws_secretsmanager_secret" "this" {
  for_each = local.secrets

  name                    = each.key
  description             = "FinTrack ${each.value.key}: ${join(", ", each.value.properties)} (${each.value.source == "terraform" ? "written by Terraform" : "provided by an operator"})"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_in_days

  # A replica is added to an existing secret in place: the provider's update calls
  # ReplicateSecretToRegions (terraform-provider-aws internal/service/secretsmanager/secret.go,
  # addSecretReplicas), so turning DR on replaces no secret.
  dynamic "replica" {
    for_each = var.replica == null ? [] : [var.replica]

    content {
      region     = replica.value.region
      kms_key_id = replica.value.kms_key_arn
    }
  }

  tags = merge(var.tags, {
    "fintrack.io/secret-source" = each.value.source
  })
}

# Reads are limited to the roles the contract names (the External Secrets controller and the
# services whose ExternalSecrets use the secret): a Deny for every other principal. aws:PrincipalArn
# of an assumed-role session is the role's ARN (IAM global condition keys), so the IRSA roles match.
data "aws_iam_policy_document" "secret" {
  for_each = local.secrets

  statement {
    sid       = "DenyReadOutsideContract"
    effect    = "Deny"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalArn"
      values   = each.value.readers
    }
  }
}

resource "aws_secretsmanager_secret_policy" "this" {
  for_each = local.secrets

  secret_arn          = aws_secretsmanager_secret.this[each.key].arn
  policy              = data.aws_iam_policy_document.secret[each.key].json
  block_public_policy = true
}

resource "aws_secretsmanager_secret_version" "written" {
  for_each = local.written

  secret_id     = aws_secretsmanager_secret.this[each.key].id
  secret_string = jsonencode(var.values[each.key])

  lifecycle {
    precondition {
      condition     = contains(keys(var.values), each.key) && alltrue([for p in each.value.properties : contains(keys(lookup(var.values, each.key, {})), p)])
      error_message = "values[\"${each.key}\"] must provide every property the contract lists: ${join(", ", each.value.properties)}."
    }
  }
}
