mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_resource "aws_kms_key" {
    override_during = plan
    defaults = {
      arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-00000000aaaa"
    }
  }
}

variables {
  name_prefix = "fintrack-test"
  account_id  = "123456789012"
  region      = "us-east-1"
}

run "state_bucket_is_hardened" {
  command = plan

  assert {
    condition     = module.state.name == "fintrack-test-tfstate-123456789012" && module.kms.key_arns["tfstate"] == output.kms_key_arn
    error_message = "The state bucket is <prefix>-tfstate-<account> with its own CMK."
  }

  assert {
    condition     = anytrue([for s in data.aws_iam_policy_document.state.statement : s.effect == "Deny" && contains(s.actions, "s3:DeleteBucket")])
    error_message = "The policy refuses deleting the bucket (state history included)."
  }
}

run "rejects_short_version_history" {
  command = plan

  variables {
    noncurrent_version_expiration_days = 7
  }

  expect_failures = [var.noncurrent_version_expiration_days]
}
