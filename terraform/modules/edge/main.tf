# The public edge of the ALB: its ACM certificate (DNS-validated in the environment's zone) and its
# regional WAFv2 web ACL. The AWS Load Balancer Controller creates the ALB itself, so neither is
# attached here: the Ingress names the certificate and the web ACL by ARN (root outputs
# edge_certificate_arn / edge_waf_acl_arn → apps/environments/<env>.terraform.json).

locals {
  web_acl_name = "${var.name_prefix}-edge"
  # AWS managed rule groups (seed 001: common, SQLi, XSS — part of the common rule set —, bad
  # inputs, Bot Control). Priority order: cheapest and broadest first.
  managed_rule_groups = [
    { name = "AWSManagedRulesAmazonIpReputationList", priority = 10 },
    { name = "AWSManagedRulesCommonRuleSet", priority = 20 },
    { name = "AWSManagedRulesKnownBadInputsRuleSet", priority = 30 },
    { name = "AWSManagedRulesSQLiRuleSet", priority = 40 },
    { name = "AWSManagedRulesBotControlRuleSet", priority = 50 },
  ]
}

resource "aws_acm_certificate" "this" {
  domain_name               = var.hosts[0]
  subject_alternative_names = slice(var.hosts, 1, length(var.hosts))
  validation_method         = "DNS"
  key_algorithm             = "EC_prime256v1"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  lifecycle {
    create_before_destroy = true
  }

  tags = merge(var.tags, { Name = "${var.name_prefix}-edge" })
}

# One CNAME per host, keyed by the host (known at plan; the record values are known only after the
# certificate exists). Hosts sharing a record overwrite it with the same value.
resource "aws_route53_record" "validation" {
  for_each = toset(var.hosts)

  zone_id         = var.route53_zone_id
  name            = local.validation[each.key].resource_record_name
  type            = local.validation[each.key].resource_record_type
  records         = [local.validation[each.key].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

locals {
  validation = { for o in aws_acm_certificate.this.domain_validation_options : o.domain_name => o }
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}

resource "aws_wafv2_web_acl" "this" {
  name        = local.web_acl_name
  description = "Public API ALB: AWS managed rules, per-IP rate limit, geo restriction."
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = local.managed_rule_groups

    content {
      name     = rule.value.name
      priority = rule.value.priority

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.value.name
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = rule.value.name
        sampled_requests_enabled   = true
      }
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 1

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.rate_limit_per_5_minutes
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit-per-ip"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "geo-restriction"
    priority = 2

    action {
      block {}
    }

    statement {
      geo_match_statement {
        country_codes = var.geo_blocked_countries
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "geo-restriction"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = local.web_acl_name
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

# WAF logs to CloudWatch need a log group named aws-waf-logs-* (AWS WAF developer guide,
# logging-cw-logs.html).
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${var.name_prefix}-edge"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "cookie"
    }
  }
}
