mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name_prefix = "fintrack-test"
  account_id  = "123456789012"
  region      = "us-east-1"
  keys = {
    logs = { description = "logs", service_principals = ["logs.us-east-1.amazonaws.com"] }
    sqs  = { description = "sqs", service_principals = ["events.amazonaws.com"] }
    s3   = { description = "s3", rotation_period_in_days = 90 }
  }
}

run "keys_rotate_and_policies_name_principals" {
  command = plan

  assert {
    condition     = length(aws_kms_key.this) == 3 && alltrue([for k in aws_kms_key.this : k.enable_key_rotation && k.deletion_window_in_days == 30])
    error_message = "Every key must have rotation enabled and a 30-day deletion window."
  }

  assert {
    condition     = aws_kms_key.this["s3"].rotation_period_in_days == 90 && aws_kms_key.this["logs"].rotation_period_in_days == 365
    error_message = "Each key rotates on its own period (default 365 days)."
  }

  assert {
    condition = alltrue(flatten([for d in data.aws_iam_policy_document.key : [
      for s in d.statement : [for p in s.principals : !contains(p.identifiers, "*")]
    ]]))
    error_message = "Key policies must not use a wildcard principal."
  }

  assert {
    condition = alltrue(flatten([for d in data.aws_iam_policy_document.key : [
      for s in d.statement : [for a in s.actions : a != "*" && a != "kms:*"]
    ]]))
    error_message = "Key policies must list actions explicitly (no kms:*)."
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.key["logs"].statement : s if s.sid == "CloudWatchLogsUse"]) == 1
    error_message = "The logs key must allow CloudWatch Logs scoped by encryption context."
  }

  assert {
    condition = [for s in data.aws_iam_policy_document.key["sqs"].statement : [for c in s.condition : "${c.test} ${c.variable} ${join(",", c.values)}"] if s.sid == "ServiceUseEvents"] == [
      ["ArnLike kms:EncryptionContext:aws:sqs:arn arn:aws:sqs:us-east-1:123456789012:*"],
    ]
    error_message = "EventBridge may use the queue key only for this account's queues (the SQS encryption context)."
  }

  assert {
    condition     = aws_kms_alias.this["s3"].name == "alias/fintrack-test-s3"
    error_message = "Alias names must be alias/<prefix>-<purpose>."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule (a
# missing failure fails the run), so the module is planned once for all of them.
run "rejects_wildcard_principal_short_window_and_bad_account" {
  command = plan

  variables {
    keys                    = { bad = { description = "bad", service_principals = ["*"] }, unscoped = { description = "x", service_principals = ["sns.amazonaws.com"] } }
    deletion_window_in_days = 3
    account_id              = "12345"
  }

  expect_failures = [var.keys, var.deletion_window_in_days, var.account_id]
}

run "rejects_rotation_shorter_than_90_days" {
  command = plan

  variables {
    keys = { s3 = { description = "s3", rotation_period_in_days = 30 } }
  }

  expect_failures = [var.keys]
}
