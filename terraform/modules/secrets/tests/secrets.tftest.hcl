mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/secrets"
  secrets = [
    {
      name       = "fintrack/test/db"
      key        = "db"
      source     = "terraform"
      properties = ["host", "port"]
      readers    = ["arn:aws:iam::123456789012:role/fintrack-test-addon-external-secrets", "arn:aws:iam::123456789012:role/fintrack-test-app"]
    },
    {
      name       = "fintrack/test/pager"
      key        = "pager"
      source     = "operator"
      properties = ["routing-key"]
      readers    = ["arn:aws:iam::123456789012:role/fintrack-test-addon-external-secrets"]
    },
  ]
  values = { "fintrack/test/db" = { host = "db.internal", port = "5432" } }
}

run "cmk_readers_only_and_written_values" {
  command = plan

  assert {
    condition     = alltrue([for s in aws_secretsmanager_secret.this : s.kms_key_id == var.kms_key_arn && s.recovery_window_in_days == 30])
    error_message = "Every secret must use the secrets CMK and keep the 30-day recovery window."
  }

  assert {
    condition = alltrue([for s in var.secrets : (
      data.aws_iam_policy_document.secret[s.name].statement[0].effect == "Deny" &&
      data.aws_iam_policy_document.secret[s.name].statement[0].actions == toset(["secretsmanager:GetSecretValue"]) &&
      one([for c in data.aws_iam_policy_document.secret[s.name].statement[0].condition : c.values if c.variable == "aws:PrincipalArn" && c.test == "StringNotEquals"]) == s.readers
    )])
    error_message = "Each secret's policy must deny GetSecretValue to every principal but its readers."
  }

  assert {
    condition     = alltrue([for p in aws_secretsmanager_secret_policy.this : p.block_public_policy])
    error_message = "Secret policies must block public policies."
  }

  assert {
    condition     = keys(aws_secretsmanager_secret_version.written) == ["fintrack/test/db"] && jsondecode(aws_secretsmanager_secret_version.written["fintrack/test/db"].secret_string) == { host = "db.internal", port = "5432" }
    error_message = "Only Terraform-sourced secrets get a version, holding the values as JSON."
  }

  assert {
    condition     = jsonencode(output.operator_secrets) == jsonencode({ "fintrack/test/pager" = ["routing-key"] })
    error_message = "Operator secrets must be listed with the properties an operator owes."
  }
}

run "rejects_unknown_source" {
  command = plan

  variables {
    secrets = [{ name = "fintrack/test/x", key = "x", source = "manual", properties = ["a"], readers = ["arn:aws:iam::123456789012:role/r"] }]
    values  = {}
  }

  expect_failures = [var.secrets]
}

run "rejects_secret_without_readers" {
  command = plan

  variables {
    secrets = [{ name = "fintrack/test/x", key = "x", source = "operator", properties = ["a"], readers = [] }]
    values  = {}
  }

  expect_failures = [var.secrets]
}

run "rejects_written_secret_missing_a_property" {
  command = plan

  variables {
    values = { "fintrack/test/db" = { host = "db.internal" } }
  }

  expect_failures = [aws_secretsmanager_secret_version.written]
}
