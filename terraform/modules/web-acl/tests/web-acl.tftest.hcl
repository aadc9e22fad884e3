mock_provider "aws" {
  mock_resource "aws_wafv2_web_acl" {
    defaults = {
      arn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/fintrack-test-edge/11111111-2222-4333-8444-555555555555"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-fintrack-test-edge"
    }
  }
}

variables {
  name                  = "fintrack-test-edge"
  description           = "test"
  scope                 = "REGIONAL"
  managed_rule_groups   = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet", "AWSManagedRulesBotControlRuleSet"]
  geo_blocked_countries = ["KP", "IR"]
  log_kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/k"
}

run "rate_limit_geo_restriction_managed_rules_and_redacted_logs" {
  command = plan

  assert {
    condition     = aws_wafv2_web_acl.this.scope == "REGIONAL" && aws_wafv2_web_acl.this.name == "fintrack-test-edge" && length(aws_wafv2_web_acl.this.rule) == 6
    error_message = "One web ACL: the rate limit, the geo restriction and the four managed rule groups."
  }

  assert {
    condition = alltrue([
      for g in var.managed_rule_groups :
      anytrue([for r in aws_wafv2_web_acl.this.rule : try(r.statement[0].managed_rule_group_statement[0].name == g && r.statement[0].managed_rule_group_statement[0].vendor_name == "AWS", false)])
    ])
    error_message = "The web ACL runs every listed AWS managed rule group."
  }

  assert {
    condition = anytrue([
      for r in aws_wafv2_web_acl.this.rule : try(r.statement[0].rate_based_statement[0].limit == 2000 && r.statement[0].rate_based_statement[0].aggregate_key_type == "IP" && r.statement[0].rate_based_statement[0].evaluation_window_sec == 300 && length(r.action[0].block) > 0, false)
    ])
    error_message = "Rate limit: block an IP above 2,000 requests in 5 minutes."
  }

  assert {
    condition = anytrue([
      for r in aws_wafv2_web_acl.this.rule : try(toset(r.statement[0].geo_match_statement[0].country_codes) == toset(["KP", "IR"]) && length(r.action[0].block) > 0, false)
    ])
    error_message = "Geo restriction blocks the listed countries."
  }

  assert {
    condition     = aws_cloudwatch_log_group.waf.name == "aws-waf-logs-fintrack-test-edge" && aws_cloudwatch_log_group.waf.kms_key_id == var.log_kms_key_arn
    error_message = "WAF logs go to an encrypted aws-waf-logs-* log group."
  }

  assert {
    condition     = toset([for f in aws_wafv2_web_acl_logging_configuration.this.redacted_fields : one(f.single_header).name]) == toset(["authorization", "cookie"])
    error_message = "The logs redact the authorization and cookie headers."
  }
}

run "no_geo_rule_without_countries" {
  command = plan

  variables {
    geo_blocked_countries = []
  }

  assert {
    condition     = length(aws_wafv2_web_acl.this.rule) == 5 && alltrue([for r in aws_wafv2_web_acl.this.rule : r.name != "geo-restriction"])
    error_message = "No countries, no geo rule."
  }
}

# Every variable validation in one run: each listed variable must fail on its own rule.
run "rejects_each_invalid_variable" {
  command = plan

  variables {
    name                     = "FinTrack Edge"
    scope                    = "GLOBAL"
    managed_rule_groups      = ["MyRules"]
    rate_limit_per_5_minutes = 5
    geo_blocked_countries    = ["North Korea"]
    log_kms_key_arn          = "alias/logs"
    log_retention_days       = 30
  }

  expect_failures = [
    var.name,
    var.scope,
    var.managed_rule_groups,
    var.rate_limit_per_5_minutes,
    var.geo_blocked_countries,
    var.log_kms_key_arn,
    var.log_retention_days,
  ]
}
