# Disaster recovery into a second region: CMKs there, a replica of every data bucket (S3
# replication with replica encryption under the DR key, replication time control), and the RDS
# instance's automated backups replicated (point-in-time restore in the DR region). Secrets
# Manager replicas are set on the secrets themselves (modules/secrets `replica`) with the DR
# secrets key output here. RTO/RPO: terraform/README.md "Disaster recovery".

locals {
  dr_name   = "${var.name_prefix}-dr"
  log_name  = "${var.name_prefix}-access-logs-${var.dr_region}-${var.account_id}"
  replicas  = { for k, b in var.buckets : k => "${var.name_prefix}-${k}-dr-${var.account_id}" }
  role_name = "${var.name_prefix}-s3-replication"
}

module "kms" {
  source    = "../kms"
  providers = { aws = aws.dr }

  name_prefix = local.dr_name
  account_id  = var.account_id
  partition   = var.partition
  region      = var.dr_region
  keys = {
    s3      = { description = "DR S3 replicas (SSE-KMS)", rotation_period_in_days = 90 }
    rds     = { description = "DR RDS automated backups", rotation_period_in_days = 90 }
    secrets = { description = "DR Secrets Manager replicas", rotation_period_in_days = 90 }
  }
  tags = var.tags
}

# S3 server access logs must go to a bucket in the same region as the logged bucket.
module "access_logs" {
  source    = "../bucket"
  providers = { aws = aws.dr }

  name                 = local.log_name
  purpose              = "access-logs"
  kms_key_arn          = null
  access_log_bucket    = null
  is_access_log_bucket = true
  account_id           = var.account_id
  expiration_days      = 365
  tags                 = var.tags
}

module "replica" {
  source    = "../bucket"
  providers = { aws = aws.dr }
  for_each  = var.buckets

  name              = local.replicas[each.key]
  purpose           = "dr-replica"
  kms_key_arn       = module.kms.key_arns["s3"]
  access_log_bucket = module.access_logs.name
  expiration_days   = each.value.expiration_days
  tags              = merge(var.tags, { "fintrack.io/replica-of" = each.value.name })
}

# --- Replication role (S3 assumes it; least privilege per the S3 user guide, "Setting up
# permissions for live replication" and its SSE-KMS additions) --------------------------------

data "aws_iam_policy_document" "replication_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    # The S3 replication guide's trust policy has no source condition; the role is only passed to
    # this account's replication rules (iam:PassRole stays with the apply role's boundary).
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "replication" {
  statement {
    sid       = "ReadSourceConfiguration"
    effect    = "Allow"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [for b in var.buckets : "arn:${var.partition}:s3:::${b.name}"]
  }

  statement {
    sid       = "ReadSourceVersions"
    effect    = "Allow"
    actions   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
    resources = [for b in var.buckets : "arn:${var.partition}:s3:::${b.name}/*"]
  }

  statement {
    sid       = "WriteReplicas"
    effect    = "Allow"
    actions   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
    resources = [for n in values(local.replicas) : "arn:${var.partition}:s3:::${n}/*"]
  }

  statement {
    sid       = "DecryptSource"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = distinct([for b in var.buckets : b.kms_key_arn])

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "EncryptReplicas"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = [module.kms.key_arns["s3"]]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.dr_region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "replication" {
  name                 = local.role_name
  permissions_boundary = var.permissions_boundary
  assume_role_policy   = data.aws_iam_policy_document.replication_trust.json

  tags = var.tags
}

resource "aws_iam_role_policy" "replication" {
  name   = "s3-replication"
  role   = aws_iam_role.replication.id
  policy = data.aws_iam_policy_document.replication.json
}

resource "aws_s3_bucket_replication_configuration" "this" {
  for_each = var.buckets

  bucket = each.value.name
  role   = aws_iam_role.replication.arn

  rule {
    id     = "dr-${var.dr_region}"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket = module.replica[each.key].arn

      encryption_configuration {
        replica_kms_key_id = module.kms.key_arns["s3"]
      }

      # Replication Time Control: 99.99% of objects within 15 minutes (the RPO of the buckets).
      replication_time {
        status = "Enabled"

        time {
          minutes = 15
        }
      }

      metrics {
        status = "Enabled"

        event_threshold {
          minutes = 15
        }
      }
    }
  }

  # Versioning on the replica must be on before S3 accepts the rule.
  depends_on = [module.replica]
}

# --- RDS automated backups in the DR region -----------------------------------------------------

resource "aws_db_instance_automated_backups_replication" "this" {
  provider = aws.dr

  source_db_instance_arn = var.rds_instance_arn
  kms_key_id             = module.kms.key_arns["rds"]
  retention_period       = var.rds_backup_retention_days
}
