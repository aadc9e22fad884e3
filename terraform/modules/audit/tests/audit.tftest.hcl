mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_resource "aws_kms_key" {
    defaults = {
      arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-8444-555555555555"
    }
  }
}

variables {
  name_prefix            = "fintrack-test"
  account_id             = "123456789012"
  region                 = "us-east-1"
  access_log_bucket_name = "fintrack-test-access-logs-123456789012"
}

run "audit_trail_config_guardduty_securityhub" {
  command = plan

  assert {
    condition     = aws_cloudtrail.this.is_multi_region_trail && aws_cloudtrail.this.enable_log_file_validation && aws_cloudtrail.this.include_global_service_events
    error_message = "The trail covers every region and global services and validates its log files."
  }

  assert {
    condition     = aws_cloudtrail.this.s3_bucket_name == "fintrack-test-audit-123456789012" && aws_s3_bucket.audit.object_lock_enabled
    error_message = "The trail writes to the object-locked audit bucket."
  }

  assert {
    condition     = one(one(aws_s3_bucket_object_lock_configuration.audit.rule).default_retention).mode == "COMPLIANCE" && one(one(aws_s3_bucket_object_lock_configuration.audit.rule).default_retention).days == 365
    error_message = "Audit logs are locked in COMPLIANCE mode for a year."
  }

  assert {
    condition     = aws_kms_key.audit.enable_key_rotation && aws_kms_key.audit.rotation_period_in_days == 90
    error_message = "The audit key rotates every 90 days (seed 004)."
  }

  assert {
    condition     = one(aws_config_configuration_recorder.this.recording_group).all_supported && one(aws_config_configuration_recorder.this.recording_group).include_global_resource_types && aws_config_configuration_recorder_status.this.is_enabled
    error_message = "Config records every supported resource, global ones included, and is enabled."
  }

  assert {
    condition     = contains(keys(aws_config_config_rule.managed), "CLOUD_TRAIL_ENABLED") && length(aws_config_config_rule.managed) >= 5
    error_message = "A set of AWS managed Config rules is evaluated."
  }

  assert {
    condition     = aws_guardduty_detector.this.enable && length(aws_guardduty_detector_feature.this) == 4
    error_message = "GuardDuty is enabled with S3, EKS audit log, EBS malware and RDS login protection."
  }

  assert {
    condition = (
      !aws_securityhub_account.this.enable_default_standards &&
      toset([for s in aws_securityhub_standards_subscription.this : s.standards_arn]) == toset([
        "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
        "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      ])
    )
    error_message = "Security Hub runs exactly the AWS Foundational and CIS standards."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule (a
# missing failure fails the run), so the module is planned once for all of them.
run "rejects_bad_retention_prefix_account_region_log_bucket_and_config_rule" {
  command = plan

  variables {
    retention_days         = 90
    name_prefix            = "fintrack-a-very-long-environment-name"
    account_id             = "12345"
    region                 = "useast1"
    access_log_bucket_name = "arn:aws:s3:::logs"
    config_rules           = ["cloudtrail enabled"]
  }

  expect_failures = [var.retention_days, var.name_prefix, var.account_id, var.region, var.access_log_bucket_name, var.config_rules]
}

