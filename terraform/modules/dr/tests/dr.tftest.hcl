mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

mock_provider "aws" {
  alias = "dr"

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_resource "aws_kms_key" {
    override_during = plan
    defaults = {
      arn = "arn:aws:kms:us-west-2:123456789012:key/00000000-0000-0000-0000-0000000000d0"
    }
  }
}

variables {
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"
  name_prefix          = "fintrack-test"
  account_id           = "123456789012"
  region               = "us-east-1"
  dr_region            = "us-west-2"
  buckets = {
    reports = { name = "fintrack-test-reports-123456789012", kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000003" }
    loki    = { name = "fintrack-test-loki-123456789012", kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000003", expiration_days = 90 }
  }
  rds_instance_arn          = "arn:aws:rds:us-east-1:123456789012:db:fintrack-test-postgres"
  rds_backup_retention_days = 14
}

run "replicates_buckets_backups_under_dr_keys" {
  command = plan

  assert {
    condition = (
      length(aws_s3_bucket_replication_configuration.this) == 2 &&
      aws_s3_bucket_replication_configuration.this["reports"].bucket == "fintrack-test-reports-123456789012" &&
      one(aws_s3_bucket_replication_configuration.this["reports"].rule).destination[0].bucket == "arn:aws:s3:::fintrack-test-reports-dr-123456789012"
    )
    error_message = "Every data bucket replicates to <prefix>-<bucket>-dr-<account>."
  }

  assert {
    condition = alltrue([for c in aws_s3_bucket_replication_configuration.this : alltrue([for r in c.rule :
      r.status == "Enabled" && r.source_selection_criteria[0].sse_kms_encrypted_objects[0].status == "Enabled" &&
      r.destination[0].replication_time[0].status == "Enabled" && r.delete_marker_replication[0].status == "Enabled"
    ])])
    error_message = "Rules replicate SSE-KMS objects and delete markers with replication time control."
  }

  assert {
    condition     = aws_db_instance_automated_backups_replication.this.retention_period == 14 && aws_db_instance_automated_backups_replication.this.source_db_instance_arn == var.rds_instance_arn
    error_message = "RDS automated backups replicate with the given retention."
  }

  assert {
    condition     = alltrue([for k in module.kms.key_arns : startswith(k, "arn:aws:kms:us-west-2:")]) && aws_iam_role.replication.permissions_boundary == var.permissions_boundary
    error_message = "DR keys live in the DR region; the replication role carries the boundary."
  }
}

run "rejects_retention_beyond_35_days" {
  command = plan

  variables {
    rds_backup_retention_days = 36
  }

  expect_failures = [var.rds_backup_retention_days]
}
