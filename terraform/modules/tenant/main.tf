# One tenant: its own KMS key (rotated every 90 days), its own SQS queue and dead-letter queue
# encrypted with that key, and the IAM roles that act for it, each able to reach only this
# tenant's key, queue, database login and object prefix. Every name is a convention
# (apps/aws-names.ts, apps/tenant-names.ts): synth renders them before this module runs.

locals {
  name      = "${var.name_prefix}-tenant-${var.tenant}"
  iam       = "arn:${var.partition}:iam::${var.account_id}"
  queue_arn = "arn:${var.partition}:sqs:${var.region}:${var.account_id}:${local.name}"
  dlq_arn   = "${local.queue_arn}-dlq"
  alias     = "alias/${local.name}"

  # Silo: one IRSA role per workload, <name>-<service>; pool: one access role, <name>.
  roles = var.mode == "silo" ? {
    for w in var.workloads : w.service => { role_name = "${local.name}-${w.service}", keda_scaled = w.keda_scaled }
  } : { access = { role_name = local.name, keda_scaled = false } }

  sqs_consume = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
  sqs_send    = ["sqs:GetQueueAttributes", "sqs:SendMessage"]
}

# --- KMS ------------------------------------------------------------------------------------------

module "key" {
  source = "../kms"

  name_prefix = "${var.name_prefix}-tenant"
  account_id  = var.account_id
  partition   = var.partition
  region      = var.region
  # hashicorp/terraform-provider-aws v5.100.0 internal/service/kms/key.go resourceKey:
  # rotation_period_in_days is accepted between 90 and 2560 with enable_key_rotation.
  keys = { (var.tenant) = { description = "tenant ${var.tenant}: data, queue and objects", rotation_period_in_days = 90 } }
  tags = merge(var.tags, { "fintrack.io/tenant" = var.tenant })
}

# --- SQS ------------------------------------------------------------------------------------------

resource "aws_sqs_queue" "dlq" {
  name                              = "${local.name}-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = module.key.key_arns[var.tenant]
  kms_data_key_reuse_period_seconds = 300

  tags = merge(var.tags, { "fintrack.io/tenant" = var.tenant })
}

resource "aws_sqs_queue" "this" {
  name                              = local.name
  message_retention_seconds         = 345600
  visibility_timeout_seconds        = 60
  kms_master_key_id                 = module.key.key_arns[var.tenant]
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = local.dlq_arn
    maxReceiveCount     = var.queue_max_receive_count
  })

  tags = merge(var.tags, { "fintrack.io/tenant" = var.tenant })

  depends_on = [aws_sqs_queue.dlq]
}

data "aws_iam_policy_document" "queue" {
  for_each = { queue = local.queue_arn, dlq = local.dlq_arn }

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["sqs:*"]
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
}

# One policy per queue, named like its queue (the plan checks pair them by name).
resource "aws_sqs_queue_policy" "this" {
  queue_url = aws_sqs_queue.this.id
  policy    = data.aws_iam_policy_document.queue["queue"].json
}

resource "aws_sqs_queue_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id
  policy    = data.aws_iam_policy_document.queue["dlq"].json
}

# --- IAM ------------------------------------------------------------------------------------------

# KEDA reads the tenant queue's depth as the workload's own role (as modules/workload-identity/keda.tf
# does for shared services): queue-scaled workloads also trust the KEDA operator's service account.
data "aws_iam_policy_document" "keda_trust" {
  for_each = { for k, r in local.roles : k => r if r.keda_scaled }

  statement {
    sid     = "KedaOperatorReadsQueueDepth"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:sub"
      values   = ["system:serviceaccount:${var.keda_operator.namespace}:${var.keda_operator.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "trust" {
  for_each = local.roles

  source_policy_documents = [for k, d in data.aws_iam_policy_document.keda_trust : d.json if k == each.key]

  dynamic "statement" {
    for_each = var.mode == "silo" ? [each.key] : []

    content {
      sid     = "IrsaServiceAccount"
      effect  = "Allow"
      actions = ["sts:AssumeRoleWithWebIdentity"]

      principals {
        type        = "Federated"
        identifiers = [var.oidc_provider_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "${var.oidc_issuer_host}:sub"
        values   = ["system:serviceaccount:${var.namespace}:${statement.value}"]
      }

      condition {
        test     = "StringEquals"
        variable = "${var.oidc_issuer_host}:aud"
        values   = ["sts.amazonaws.com"]
      }
    }
  }

  # Pool: the shared services assume the tenant's role for each piece of tenant work. The trust
  # policy names each caller's role; the callers also get sts:AssumeRole on exactly this role
  # (aws_iam_role_policy.assume_tenant below), so the call does not rest on same-account
  # resource-policy rules (IAM User Guide, reference_policies_evaluation-logic.html).
  dynamic "statement" {
    for_each = var.mode == "pool" ? [1] : []

    content {
      sid     = "SharedServicesActForTenant"
      effect  = "Allow"
      actions = ["sts:AssumeRole"]

      principals {
        type        = "AWS"
        identifiers = sort(var.assumed_by)
      }
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.roles

  permissions_boundary = var.permissions_boundary
  name                 = each.value.role_name
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
  max_session_duration = 3600

  tags = merge(var.tags, {
    "fintrack.io/tenant" = var.tenant
    # Read by the plan test: the service account a silo role trusts.
    "fintrack.io/kubernetes-service-account" = var.mode == "silo" ? "${var.namespace}/${each.key}" : "none"
  })
}

data "aws_iam_policy_document" "permissions" {
  statement {
    sid       = "TenantQueue"
    effect    = "Allow"
    actions   = distinct(concat(local.sqs_consume, local.sqs_send))
    resources = [local.queue_arn]
  }

  # The key's ARN holds a random id only known after apply; its alias is a convention. KMS matches
  # the aliases of the key a request uses against kms:ResourceAliases (AWS KMS Developer Guide,
  # conditions-kms.html#conditions-kms-resource-aliases), so the statement names exactly this key.
  statement {
    sid       = "TenantKey"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"]

    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = [local.alias]
    }
  }

  # Only the tenant's own PostgreSQL login. The instance part is "*" (IAM database authentication
  # accepts a wildcard DbiResourceId, RDS User Guide UsingWithRDS.IAMDBAuth.IAMPolicy.html) so the
  # statement is fully known at plan time and the isolation test can read it.
  statement {
    sid       = "TenantDatabaseLogin"
    effect    = "Allow"
    actions   = ["rds-db:connect"]
    resources = ["arn:${var.partition}:rds-db:${var.region}:${var.account_id}:dbuser:*/${var.db_user}"]
  }

  dynamic "statement" {
    for_each = length(var.buckets) > 0 ? [1] : []

    content {
      sid       = "TenantObjects"
      effect    = "Allow"
      actions   = ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
      resources = [for b in sort(values(var.buckets)) : "${b}/tenants/${var.tenant}/*"]
    }
  }

  dynamic "statement" {
    for_each = length(var.buckets) > 0 ? [1] : []

    content {
      sid       = "TenantObjectListing"
      effect    = "Allow"
      actions   = ["s3:ListBucket"]
      resources = sort(values(var.buckets))

      condition {
        test     = "StringLike"
        variable = "s3:prefix"
        values   = ["tenants/${var.tenant}/*"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(var.send_queues) > 0 ? [1] : []

    content {
      sid       = "SharedQueuesSend"
      effect    = "Allow"
      actions   = local.sqs_send
      resources = sort([for q in var.send_queues : q.queue_arn])
    }
  }

  # The shared queues' key, also named by alias so the statement is known at plan time.
  dynamic "statement" {
    for_each = length(var.send_queues) > 0 ? [1] : []

    content {
      sid       = "SharedQueuesKey"
      effect    = "Allow"
      actions   = ["kms:GenerateDataKey"]
      resources = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"]

      condition {
        test     = "ForAnyValue:StringEquals"
        variable = "kms:ResourceAliases"
        values   = sort(distinct([for q in var.send_queues : q.kms_key_alias]))
      }
    }
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = local.roles

  name = "tenant-${var.tenant}"
  # The role's name (known at plan, unlike its id), so plan checks can tell whose policy this is.
  role   = aws_iam_role.this[each.key].name
  policy = data.aws_iam_policy_document.permissions.json
}

# Pool: each shared service role may assume this tenant's access role, and nothing else through
# this policy (one inline policy per tenant on each assuming role).
resource "aws_iam_role_policy" "assume_tenant" {
  for_each = var.mode == "pool" ? toset(var.assumed_by) : toset([])

  name = "assume-tenant-${var.tenant}"
  role = element(split("/", each.value), length(split("/", each.value)) - 1)
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ActForTenant"
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      Resource = "${local.iam}:role/${local.name}"
    }]
  })
}
