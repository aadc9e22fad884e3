mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"
  name                 = "fintrack-test"
  vpc_id               = "vpc-0123456789abcdef0"
  kms_key_arn          = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"
  bucket_arn           = "arn:aws:s3:::fintrack-test-flow-logs-123456789012"
}

run "all_traffic_to_encrypted_log_group_and_parquet_in_s3" {
  command = plan

  assert {
    condition     = aws_flow_log.this.traffic_type == "ALL" && aws_flow_log.this.vpc_id == var.vpc_id && aws_cloudwatch_log_group.flow_logs.retention_in_days == 365 && aws_cloudwatch_log_group.flow_logs.kms_key_id == var.kms_key_arn
    error_message = "Flow logs must capture ALL traffic of the VPC into a KMS-encrypted log group with retention."
  }

  assert {
    condition = (
      aws_flow_log.s3[0].log_destination_type == "s3" && aws_flow_log.s3[0].traffic_type == "ALL" &&
      aws_flow_log.s3[0].destination_options[0].file_format == "parquet" && aws_flow_log.s3[0].destination_options[0].hive_compatible_partitions
    )
    error_message = "Flow logs must also go to S3 as Hive-partitioned Parquet (Athena)."
  }

  assert {
    condition     = aws_iam_role.flow_logs.permissions_boundary == var.permissions_boundary
    error_message = "The flow-log role must carry the workload permissions boundary."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule.
run "rejects_short_retention_foreign_key_and_vpc_id" {
  command = plan

  variables {
    retention_days = 7
    kms_key_arn    = "alias/logs"
    vpc_id         = "fintrack-test"
  }

  expect_failures = [var.retention_days, var.kms_key_arn, var.vpc_id]
}
