# The public edge of the ALB: its ACM certificate (DNS-validated in the environment's zone) and its
# regional WAFv2 web ACL. The AWS Load Balancer Controller creates the ALB itself, so neither is
# attached here: the Ingress names the certificate and the web ACL by ARN (root outputs
# edge_certificate_arn / edge_waf_acl_arn → apps/environments/<env>.terraform.json).

locals {
  # AWS managed rule groups (seed 001: common, SQLi, XSS — part of the common rule set —, bad
  # inputs, Bot Control). Order: cheapest and broadest first.
  managed_rule_groups = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
    "AWSManagedRulesBotControlRuleSet",
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

module "web_acl" {
  source = "../web-acl"

  name                     = "${var.name_prefix}-edge"
  description              = "Public API ALB: AWS managed rules, per-IP rate limit, geo restriction."
  scope                    = "REGIONAL"
  managed_rule_groups      = local.managed_rule_groups
  rate_limit_per_5_minutes = var.rate_limit_per_5_minutes
  geo_blocked_countries    = var.geo_blocked_countries
  log_kms_key_arn          = var.log_kms_key_arn
  log_retention_days       = var.log_retention_days
  tags                     = var.tags
}

# The web ACL and its logging moved into modules/web-acl (shared with modules/spa): same resources.
moved {
  from = aws_wafv2_web_acl.this
  to   = module.web_acl.aws_wafv2_web_acl.this
}

moved {
  from = aws_cloudwatch_log_group.waf
  to   = module.web_acl.aws_cloudwatch_log_group.waf
}

moved {
  from = aws_wafv2_web_acl_logging_configuration.this
  to   = module.web_acl.aws_wafv2_web_acl_logging_configuration.this
}
