output "service_role_arns" {
  description = "IRSA role ARN by catalog service (ServiceAccount eks.amazonaws.com/role-arn)."
  value       = module.workload_identity.service_role_arns
}

output "addon_role_arns" {
  description = "IRSA role ARN by add-on."
  value       = module.workload_identity.addon_role_arns
}

output "role_names" {
  description = "IRSA role names (services and add-ons), as planned."
  value       = concat(values(module.workload_identity.service_role_names), values(module.workload_identity.addon_role_names))
}

output "tenant_dlq_names" {
  description = "The tenants' dead-letter queues (alarmed by the observability layer)."
  value       = [for t in module.tenant : t.dlq_name]
}

output "edge_certificate_arn" {
  description = "ACM certificate of the public ALB (Ingress certificate-arn; → edgeCertificateArn); null without a public service."
  value       = one(module.edge[*].certificate_arn)
}

output "edge_waf_acl_arn" {
  description = "Regional WAFv2 web ACL of the public ALB (Ingress wafv2-acl-arn; → edgeWafAclArn); null without a public service."
  value       = one(module.edge[*].web_acl_arn)
}

output "spa" {
  description = "React SPA deploy targets (frontend pipeline: aws s3 sync into bucket, then invalidate distribution_id); null without spa_host."
  value       = module.settings.spa_host == null ? null : { bucket = module.spa[0].bucket_name, distribution_id = module.spa[0].distribution_id }
}
