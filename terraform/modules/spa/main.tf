# The React SPA behind CloudFront: a private, KMS-encrypted S3 origin read only through origin access
# control, SPA routing (403/404 from S3 → /index.html 200), a security-headers response policy,
# TLS 1.2+ with an ACM certificate, and a CLOUDFRONT-scope WAF web ACL. CloudFront takes
# certificates and CLOUDFRONT web ACLs only from us-east-1 (ACM and WAF developer guides), which the
# precondition on the certificate holds this module's provider to.

data "aws_region" "current" {}

locals {
  bucket       = "${var.name_prefix}-spa-${var.account_id}"
  web_acl_name = "${var.name_prefix}-spa"
  origin_id    = "spa-s3"
  managed_rule_groups = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
  ]
}

# --- Origin bucket -------------------------------------------------------------------------------

# CloudFront (service principal, on behalf of this distribution only) may read objects; nothing else.
data "aws_iam_policy_document" "origin" {
  statement {
    sid       = "CloudFrontOriginAccessControl"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${local.bucket}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

module "bucket" {
  source = "../bucket"

  name              = local.bucket
  purpose           = "spa"
  kms_key_arn       = var.kms_key_arn
  access_log_bucket = var.access_log_bucket
  policy_documents  = [data.aws_iam_policy_document.origin.json]
  tags              = var.tags
}

resource "aws_cloudfront_origin_access_control" "this" {
  name                              = local.bucket
  description                       = "SigV4-signed reads of the SPA bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# --- Certificate (us-east-1) ---------------------------------------------------------------------

resource "aws_acm_certificate" "this" {
  domain_name       = var.host
  validation_method = "DNS"
  key_algorithm     = "EC_prime256v1"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = data.aws_region.current.name == "us-east-1"
      error_message = "CloudFront's ACM certificate and CLOUDFRONT web ACL must be created in us-east-1: pass this module a us-east-1 provider."
    }
  }

  tags = merge(var.tags, { Name = "${var.name_prefix}-spa" })
}

resource "aws_route53_record" "validation" {
  zone_id         = var.route53_zone_id
  name            = one(aws_acm_certificate.this.domain_validation_options).resource_record_name
  type            = one(aws_acm_certificate.this.domain_validation_options).resource_record_type
  records         = [one(aws_acm_certificate.this.domain_validation_options).resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [aws_route53_record.validation.fqdn]
}

# --- Security headers ----------------------------------------------------------------------------

resource "aws_cloudfront_response_headers_policy" "this" {
  name    = "${var.name_prefix}-spa-security-headers"
  comment = "HSTS, CSP, nosniff, frame deny, referrer policy for the SPA"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }

    content_security_policy {
      content_security_policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ${var.api_origin}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
      override                = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }

    xss_protection {
      protection = true
      mode_block = true
      override   = true
    }
  }
}

# --- Distribution --------------------------------------------------------------------------------

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  comment             = "${var.name_prefix} React SPA"
  aliases             = [var.host]
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = "PriceClass_100"
  web_acl_id          = module.web_acl.arn

  origin {
    origin_id                = local.origin_id
    domain_name              = "${local.bucket}.s3.${var.region}.amazonaws.com"
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  default_cache_behavior {
    target_origin_id           = local.origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = "658327ea-f89d-4fab-a63d-7e88639e58f6" # AWS managed CachingOptimized
    response_headers_policy_id = aws_cloudfront_response_headers_policy.this.id
  }

  # SPA routing: a deep link is no object in S3 (OAC gets 403 for a missing key without
  # s3:ListBucket, 404 with it); both answer with the app shell and 200 so the router takes over.
  dynamic "custom_error_response" {
    for_each = [403, 404]

    content {
      error_code            = custom_error_response.value
      response_code         = 200
      response_page_path    = "/index.html"
      error_caching_min_ttl = 10
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = length(var.geo_blocked_countries) > 0 ? "blacklist" : "none"
      locations        = var.geo_blocked_countries
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.this.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = var.tags
}

# Access logs (CloudFront standard logging v2, vended through CloudWatch Logs): the legacy S3
# logging needs ACL-enabled buckets, which every bucket here disables (BucketOwnerEnforced).
resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/cloudfront/${var.name_prefix}-spa"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

resource "aws_cloudwatch_log_delivery_source" "access" {
  name         = "${var.name_prefix}-spa-access"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.this.arn
}

resource "aws_cloudwatch_log_delivery_destination" "access" {
  name          = "${var.name_prefix}-spa-access"
  output_format = "json"

  delivery_destination_configuration {
    destination_resource_arn = aws_cloudwatch_log_group.access.arn
  }
}

resource "aws_cloudwatch_log_delivery" "access" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.access.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.access.arn

  tags = var.tags
}

resource "aws_route53_record" "alias" {
  for_each = toset(["A", "AAAA"])

  zone_id = var.route53_zone_id
  name    = var.host
  type    = each.key

  alias {
    name                   = aws_cloudfront_distribution.this.domain_name
    zone_id                = aws_cloudfront_distribution.this.hosted_zone_id
    evaluate_target_health = false
  }
}

# --- WAF (CLOUDFRONT scope) ----------------------------------------------------------------------

module "web_acl" {
  source = "../web-acl"

  name                     = local.web_acl_name
  description              = "React SPA distribution: AWS managed rules, per-IP rate limit, geo restriction."
  scope                    = "CLOUDFRONT"
  managed_rule_groups      = local.managed_rule_groups
  rate_limit_per_5_minutes = var.rate_limit_per_5_minutes
  geo_blocked_countries    = var.geo_blocked_countries
  log_kms_key_arn          = var.log_kms_key_arn
  log_retention_days       = var.log_retention_days
  tags                     = var.tags
}

# The web ACL and its logging moved into modules/web-acl (shared with modules/edge): same resources.
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
