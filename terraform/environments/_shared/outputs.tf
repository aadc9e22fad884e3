# Shared by every environment root (dev/, staging/, prod/ link here), so the outputs contract that
# `npm run tf:outputs` reads cannot drift between environments. This folder is not a root itself.

# Consumed by `npm run tf:outputs -- <env>` (scripts/tf-outputs.ts) into
# apps/environments/<env>.terraform.json. Never output secrets: `output -json` prints them in clear.

output "account_id" {
  description = "AWS account id."
  value       = module.platform.account_id
}

output "region" {
  description = "AWS region."
  value       = module.platform.region
}

output "cluster_name" {
  description = "EKS cluster name."
  value       = module.platform.cluster_name
}

output "vpc_id" {
  description = "VPC id."
  value       = module.platform.vpc_id
}

output "ecr_registry" {
  description = "ECR registry host."
  value       = module.platform.ecr_registry
}

output "service_role_arns" {
  description = "IRSA role ARN by catalog service (ServiceAccount eks.amazonaws.com/role-arn)."
  value       = module.platform.service_role_arns
}

output "addon_role_arns" {
  description = "IRSA role ARN by add-on."
  value       = module.platform.addon_role_arns
}

output "bucket_names" {
  description = "Bucket name by short name."
  value       = module.platform.bucket_names
}

output "queue_names" {
  description = "Queue name by catalog queue."
  value       = module.platform.queue_names
}

output "karpenter_interruption_queue" {
  description = "Karpenter interruption queue name."
  value       = module.platform.karpenter_interruption_queue_name
}

output "karpenter_node_role_name" {
  description = "Karpenter node role name (EC2NodeClass spec.role)."
  value       = module.platform.karpenter_node_role_name
}

output "github_role_arns" {
  description = "GitHub Actions role ARNs."
  value       = module.platform.github_role_arns
}

output "secret_properties" {
  description = "Secrets Manager secrets the ExternalSecrets read: name => JSON properties (checked against contract.json)."
  value       = module.platform.secret_properties
}

output "operator_secrets" {
  description = "Secrets whose value an operator puts in after apply: name => properties."
  value       = module.platform.operator_secrets
}

output "break_glass_role_arn" {
  description = "Role people assume (with MFA) for cluster-admin access after apply."
  value       = module.platform.break_glass_role_arn
}

output "deploy_kubernetes_group" {
  description = "Kubernetes group of the CI deploy role (RoleBinding subject in dist/<env>/bootstrap)."
  value       = module.platform.deploy_kubernetes_group
}

output "edge_certificate_arn" {
  description = "ACM certificate of the public ALB (Ingress certificate-arn; → edgeCertificateArn)."
  value       = module.platform.edge_certificate_arn
}

output "edge_waf_acl_arn" {
  description = "Regional WAFv2 web ACL of the public ALB (Ingress wafv2-acl-arn; → edgeWafAclArn)."
  value       = module.platform.edge_waf_acl_arn
}

output "spa" {
  description = "React SPA deploy targets (frontend pipeline: aws s3 sync into bucket, then invalidate distribution_id)."
  value       = module.platform.spa
}

output "alarm_topic_arn" {
  description = "SNS topic of the CloudWatch alarms (subscribe other receivers here)."
  value       = module.platform.alarm_topic_arn
}
