mock_provider "aws" {
  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-4333-8444-555555555555"
    }
  }
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
  name_prefix           = "fintrack-test"
  hosts                 = ["api.test.fintrack.io"]
  route53_zone_id       = "Z0123456789ABCDEFGHIJ"
  geo_blocked_countries = ["KP", "IR"]
  log_kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/k"
}

run "certificate_and_web_acl" {
  command = plan

  assert {
    condition     = aws_acm_certificate.this.domain_name == "api.test.fintrack.io" && aws_acm_certificate.this.validation_method == "DNS"
    error_message = "The certificate covers the first host and is validated through DNS."
  }

  assert {
    condition     = aws_wafv2_web_acl.this.scope == "REGIONAL" && aws_wafv2_web_acl.this.name == "fintrack-test-edge"
    error_message = "A regional web ACL (ALB) named <prefix>-edge."
  }

  assert {
    condition = alltrue([
      for g in ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet", "AWSManagedRulesBotControlRuleSet"] :
      anytrue([for r in aws_wafv2_web_acl.this.rule : try(r.statement[0].managed_rule_group_statement[0].name == g, false)])
    ])
    error_message = "The web ACL runs the AWS managed common, known-bad-inputs, SQLi and Bot Control rule groups."
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
    condition     = startswith(aws_cloudwatch_log_group.waf.name, "aws-waf-logs-") && aws_cloudwatch_log_group.waf.kms_key_id == var.log_kms_key_arn
    error_message = "WAF logs go to an encrypted aws-waf-logs-* log group."
  }
}

# Every variable validation in one run: each listed variable must fail on its own rule (a missing
# failure fails the run), and planning the WAF once instead of seven times keeps the suite fast.
run "rejects_each_invalid_variable" {
  command = plan

  variables {
    rate_limit_per_5_minutes = 5
    geo_blocked_countries    = ["North Korea"]
    hosts                    = []
    route53_zone_id          = "fintrack.io"
    name_prefix              = "FinTrack"
    log_kms_key_arn          = "alias/logs"
    log_retention_days       = 30
  }

  expect_failures = [
    var.rate_limit_per_5_minutes,
    var.geo_blocked_countries,
    var.hosts,
    var.route53_zone_id,
    var.name_prefix,
    var.log_kms_key_arn,
    var.log_retention_days,
  ]
}
