mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name              = "fintrack-test-flow-logs-123456789012"
  purpose           = "flow-logs"
  kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000003"
  access_log_bucket = "fintrack-test-access-logs-123456789012"
  expiration_days   = 365
}

run "bucket_is_hardened" {
  command = plan

  assert {
    condition     = aws_s3_bucket.this.bucket == var.name && aws_s3_bucket.this.tags["fintrack.io/purpose"] == "flow-logs"
    error_message = "Bucket name and purpose tag come from the variables."
  }

  assert {
    condition = (
      aws_s3_bucket_public_access_block.this.block_public_acls && aws_s3_bucket_public_access_block.this.block_public_policy &&
      aws_s3_bucket_public_access_block.this.ignore_public_acls && aws_s3_bucket_public_access_block.this.restrict_public_buckets &&
      aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    )
    error_message = "All four public access blocks and versioning are required."
  }

  assert {
    condition = alltrue([for r in aws_s3_bucket_server_side_encryption_configuration.this.rule : r.bucket_key_enabled && alltrue([
      for d in r.apply_server_side_encryption_by_default : d.sse_algorithm == "aws:kms" && d.kms_master_key_id == var.kms_key_arn
    ])])
    error_message = "SSE-KMS with the CMK and a bucket key."
  }

  assert {
    condition     = aws_s3_bucket_logging.this[0].target_bucket == var.access_log_bucket && one(aws_s3_bucket_lifecycle_configuration.this.rule).expiration[0].days == 365
    error_message = "Access logging to the log bucket and the expiration lifecycle are required."
  }

  assert {
    condition     = anytrue([for s in data.aws_iam_policy_document.this.statement : s.effect == "Deny" && anytrue([for c in s.condition : c.variable == "aws:SecureTransport" && contains(c.values, "false")])])
    error_message = "The bucket policy must deny non-TLS requests."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule (a
# missing failure fails the run), so the module is planned once for all of them.
run "rejects_invalid_name_zero_expiration_and_unlogged_bucket" {
  command = plan

  variables {
    name              = "Fintrack_Bucket"
    expiration_days   = 0
    access_log_bucket = null
  }

  expect_failures = [var.name, var.expiration_days, var.access_log_bucket]
}

run "access_log_bucket_uses_sse_s3_and_logs_nowhere" {
  command = plan

  variables {
    name                 = "fintrack-test-access-logs-dr-123456789012"
    purpose              = "access-logs"
    kms_key_arn          = null
    access_log_bucket    = null
    is_access_log_bucket = true
    account_id           = "123456789012"
  }

  assert {
    condition     = length(aws_s3_bucket_logging.this) == 0 && one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "S3 server access logs need an SSE-S3 target bucket that does not log itself."
  }
}

