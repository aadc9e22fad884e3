output "bucket_name" {
  description = "SPA bucket the frontend pipeline syncs the build into."
  value       = module.bucket.name
}

output "distribution_id" {
  description = "CloudFront distribution id (cache invalidations after a deploy)."
  value       = aws_cloudfront_distribution.this.id
}

output "web_acl_arn" {
  description = "CLOUDFRONT-scope web ACL of the distribution."
  value       = module.web_acl.arn
}
