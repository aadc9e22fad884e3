mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

mock_provider "aws" {
  alias = "chatbot"

  mock_data "aws_region" {
    defaults = {
      name = "us-east-2"
    }
  }
}

variables {
  permissions_boundary   = "arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"
  name_prefix            = "fintrack-test"
  account_id             = "123456789012"
  region                 = "us-east-1"
  kms_key_arn            = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000007"
  thresholds             = { rdsCpuPercent = 80, rdsFreeStorageGiB = 10, redisMemoryPercent = 75, natPortAllocationErrors = 1, natPacketsDropped = 100, dlqMessages = 1 }
  db_instance_identifier = "fintrack-test-postgres"
  redis_node_ids         = ["fintrack-test-redis-0001-001", "fintrack-test-redis-0001-002"]
  nat_gateway_ids        = { "us-east-1a" = "nat-0a", "us-east-1b" = "nat-0b" }
  dlq_names              = ["fintrack-test-transactions-dlq"]
  replications           = { reports = { source_bucket = "fintrack-test-reports-123456789012", destination_bucket = "fintrack-test-reports-dr-123456789012", rule_id = "dr-us-west-2" } }
  slack                  = { team_id = "T0123ABCD", channel_id = "C0123ABCD" }
}

run "alarms_notify_an_encrypted_topic_and_slack" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 2 + 2 + 2 * 2 + 1 + 1
    error_message = "RDS CPU and storage, one memory alarm per Redis node, two per NAT gateway, one per DLQ and one per replication rule."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["rds-cpu"].threshold == 80 && aws_cloudwatch_metric_alarm.this["rds-free-storage"].threshold == 10 * 1073741824 &&
      aws_cloudwatch_metric_alarm.this["redis-memory-fintrack-test-redis-0001-002"].threshold == 75 &&
      aws_cloudwatch_metric_alarm.this["dlq-fintrack-test-transactions-dlq"].dimensions.QueueName == "fintrack-test-transactions-dlq"
    )
    error_message = "Thresholds and dimensions come from the variables."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : a.alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:fintrack-test-alarms"]) && a.ok_actions == a.alarm_actions])
    error_message = "Every alarm notifies the topic on ALARM and OK."
  }

  assert {
    condition     = aws_sns_topic.alarms.kms_master_key_id == var.kms_key_arn
    error_message = "The topic is encrypted with the CMK."
  }

  assert {
    condition = (
      aws_chatbot_slack_channel_configuration.alarms[0].user_authorization_required &&
      aws_chatbot_slack_channel_configuration.alarms[0].guardrail_policy_arns == tolist(["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"]) &&
      aws_iam_role.chatbot[0].permissions_boundary == var.permissions_boundary
    )
    error_message = "Chatbot: read-only guardrail (never the AdministratorAccess default), per-user authorization, bounded role."
  }
}

run "sns_only_without_slack" {
  command = plan

  variables {
    slack = null
  }

  assert {
    condition     = length(aws_chatbot_slack_channel_configuration.alarms) == 0 && length(aws_iam_role.chatbot) == 0
    error_message = "No Slack channel: no Chatbot configuration or role."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule (a
# missing failure fails the run), so the module is planned once for all of them.
run "rejects_percent_above_100_and_slack_webhook" {
  command = plan

  variables {
    thresholds = { rdsCpuPercent = 120, rdsFreeStorageGiB = 10, redisMemoryPercent = 75, natPortAllocationErrors = 1, natPacketsDropped = 100, dlqMessages = 1 }
    slack      = { team_id = "https://hooks.slack.com/services/x", channel_id = "alerts" }
  }

  expect_failures = [var.thresholds, var.slack]
}

run "refuses_chatbot_provider_without_the_chatbot_api" {
  command = plan

  override_data {
    target = data.aws_region.chatbot
    values = { name = "us-east-1" }
  }

  expect_failures = [aws_chatbot_slack_channel_configuration.alarms]
}
