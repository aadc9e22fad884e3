output "certificate_arn" {
  description = "ACM certificate of the public hosts, once DNS validation completed (the Ingress's certificate-arn)."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "web_acl_arn" {
  description = "Regional WAFv2 web ACL of the public ALB (the Ingress's wafv2-acl-arn)."
  value       = module.web_acl.arn
}

output "web_acl_name" {
  description = "Web ACL name (<prefix>-edge; contract.json edge.webAclName)."
  value       = module.web_acl.name
}
