# The Terraform state bucket of one environment, created before everything else (terraform/bootstrap):
# a CMK rotated every 90 days, versioning (earlier states recoverable), public access blocked,
# TLS only, access logging into its own log bucket, and a policy that refuses deleting the bucket
# (the account root can still remove the policy, AWS's lock-out escape).
# Objects never expire: only earlier versions do. Lock files (use_lockfile) are ordinary objects.

locals {
  bucket = "${var.name_prefix}-tfstate-${var.account_id}"
  arn    = "arn:${var.partition}:s3:::${local.bucket}"
}

module "kms" {
  source = "../kms"

  name_prefix = var.name_prefix
  account_id  = var.account_id
  partition   = var.partition
  region      = var.region
  keys        = { tfstate = { description = "Terraform state", rotation_period_in_days = 90 } }
  tags        = var.tags
}

module "access_logs" {
  source = "../bucket"

  name                 = "${var.name_prefix}-tfstate-logs-${var.account_id}"
  purpose              = "access-logs"
  kms_key_arn          = null
  access_log_bucket    = null
  is_access_log_bucket = true
  account_id           = var.account_id
  expiration_days      = 365
  tags                 = var.tags
}

data "aws_iam_policy_document" "state" {
  statement {
    sid       = "DenyBucketDeletion"
    effect    = "Deny"
    actions   = ["s3:DeleteBucket"]
    resources = [local.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

module "state" {
  source = "../bucket"

  name                               = local.bucket
  purpose                            = "terraform-state"
  kms_key_arn                        = module.kms.key_arns["tfstate"]
  access_log_bucket                  = module.access_logs.name
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
  policy_documents                   = [data.aws_iam_policy_document.state.json]
  tags                               = var.tags
}
