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
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000009"
  topics = {
    report-ready = { publisher_role_arns = ["arn:aws:iam::123456789012:role/fintrack-test-notification-service"] }
  }
}

run "topics_are_named_by_convention_and_kms_encrypted" {
  command = plan

  assert {
    condition     = aws_sns_topic.this["report-ready"].name == "fintrack-test-report-ready"
    error_message = "Topics are named <prefix>-<topic>, as apps/aws-names.ts derives them."
  }

  assert {
    condition     = aws_sns_topic.this["report-ready"].kms_master_key_id == var.kms_key_arn
    error_message = "Every topic is encrypted with the environment's customer-managed SNS key."
  }

  assert {
    condition     = output.topic_arns["report-ready"] == "arn:aws:sns:us-east-1:123456789012:fintrack-test-report-ready"
    error_message = "Topic ARNs are known at plan time."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule (a
# missing failure fails the run), so the module is planned once for all of them.
run "fails_without_a_publisher_and_with_the_aws_managed_key" {
  command = plan

  variables {
    topics      = { report-ready = { publisher_role_arns = [] } }
    kms_key_arn = "alias/aws/sns"
  }

  expect_failures = [var.topics, var.kms_key_arn]
}

