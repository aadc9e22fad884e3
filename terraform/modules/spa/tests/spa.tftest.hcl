mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_data "aws_region" {
    defaults = {
      name = "us-east-1"
    }
  }

  # Known at plan, so the distribution's web_acl_id can be compared with it.
  mock_resource "aws_wafv2_web_acl" {
    override_during = plan
    defaults = {
      arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/fintrack-test-spa/11111111-2222-4333-8444-555555555555"
    }
  }

  mock_resource "aws_acm_certificate" {
    defaults = {
      domain_validation_options = [{ domain_name = "app.fintrack.io", resource_record_name = "_x.app.fintrack.io.", resource_record_type = "CNAME", resource_record_value = "_y.acm-validations.aws." }]
    }
  }
}

variables {
  name_prefix           = "fintrack-test"
  account_id            = "123456789012"
  region                = "us-east-1"
  host                  = "app.fintrack.io"
  api_origin            = "https://api.fintrack.io"
  route53_zone_id       = "Z0EXAMPLE00000000000"
  kms_key_arn           = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000003"
  access_log_bucket     = "fintrack-test-access-logs-123456789012"
  log_kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000006"
  geo_blocked_countries = ["CU", "IR", "KP", "SY"]
}

run "spa_distribution_is_private_routed_and_hardened" {
  command = plan

  assert {
    condition = (
      aws_cloudfront_origin_access_control.this.signing_behavior == "always" && aws_cloudfront_origin_access_control.this.origin_access_control_origin_type == "s3" &&
      one(aws_cloudfront_distribution.this.origin).domain_name == "fintrack-test-spa-123456789012.s3.us-east-1.amazonaws.com"
    )
    error_message = "The S3 origin is read through OAC (SigV4 always) at its regional endpoint."
  }

  assert {
    condition     = toset([for e in aws_cloudfront_distribution.this.custom_error_response : "${e.error_code}:${e.response_code}:${e.response_page_path}"]) == toset(["403:200:/index.html", "404:200:/index.html"])
    error_message = "SPA routing: 403 and 404 answer /index.html with 200."
  }

  assert {
    condition     = one(aws_cloudfront_distribution.this.viewer_certificate).minimum_protocol_version == "TLSv1.2_2021" && one(aws_cloudfront_distribution.this.default_cache_behavior).viewer_protocol_policy == "redirect-to-https"
    error_message = "TLS 1.2+ and HTTPS only."
  }

  assert {
    condition = (
      one(one(aws_cloudfront_response_headers_policy.this.security_headers_config).strict_transport_security).access_control_max_age_sec >= 31536000 &&
      one(one(aws_cloudfront_response_headers_policy.this.security_headers_config).frame_options).frame_option == "DENY" &&
      strcontains(one(one(aws_cloudfront_response_headers_policy.this.security_headers_config).content_security_policy).content_security_policy, "connect-src 'self' https://api.fintrack.io")
    )
    error_message = "The response headers policy sets HSTS >= 1 year, frame DENY and a CSP that allows the API origin."
  }

  assert {
    condition     = aws_cloudwatch_log_delivery_source.access.log_type == "ACCESS_LOGS" && aws_cloudwatch_log_group.access.kms_key_id == var.log_kms_key_arn
    error_message = "Access logs are delivered to a KMS-encrypted log group."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.web_acl_id == output.web_acl_arn
    error_message = "The distribution is behind the module's CLOUDFRONT-scope web ACL (modules/web-acl)."
  }
}

run "refuses_a_provider_outside_us_east_1" {
  command = plan

  override_data {
    target = data.aws_region.current
    values = { name = "eu-west-1" }
  }

  expect_failures = [aws_acm_certificate.this]
}

run "rejects_http_api_origin" {
  command = plan

  variables {
    api_origin = "http://api.fintrack.io"
  }

  expect_failures = [var.api_origin]
}
