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
    condition     = output.web_acl_name == "fintrack-test-edge"
    error_message = "The web ACL (modules/web-acl) is named <prefix>-edge."
  }
}

# Every variable validation in one run: each listed variable must fail on its own rule (a missing
# failure fails the run); the web ACL's own variables are validated in modules/web-acl.
run "rejects_each_invalid_variable" {
  command = plan

  variables {
    geo_blocked_countries = ["North Korea"]
    hosts                 = []
    route53_zone_id       = "fintrack.io"
    name_prefix           = "FinTrack"
  }

  expect_failures = [
    var.geo_blocked_countries,
    var.hosts,
    var.route53_zone_id,
    var.name_prefix,
  ]
}
