output "account_id" {
  description = "AWS account id."
  value       = var.account_id
}

output "region" {
  description = "AWS region."
  value       = var.region
}

output "cluster_name" {
  description = "EKS cluster name."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.eks.cluster_endpoint
}

output "vpc_id" {
  description = "VPC id."
  value       = module.network.vpc_id
}

output "ecr_registry" {
  description = "ECR registry host."
  value       = "${var.account_id}.dkr.ecr.${var.region}.amazonaws.com"
}

output "service_role_arns" {
  description = "IRSA role ARN by catalog service."
  value       = module.workload_identity.service_role_arns
}

output "addon_role_arns" {
  description = "IRSA role ARN by add-on."
  value       = module.workload_identity.addon_role_arns
}

output "bucket_names" {
  description = "Bucket name by short name (catalog buckets and loki)."
  value       = module.data.bucket_names
}

output "queue_names" {
  description = "Queue name by catalog queue."
  value       = module.data.queue_names
}

output "karpenter_interruption_queue_name" {
  description = "Karpenter interruption queue name."
  value       = module.eks.karpenter_interruption_queue_name
}

output "karpenter_node_role_name" {
  description = "Karpenter node role name."
  value       = module.eks.karpenter_node_role_name
}

output "rds_endpoint" {
  description = "PostgreSQL endpoint."
  value       = module.data.rds_endpoint
}

output "redis_endpoint" {
  description = "Redis endpoint (configuration endpoint in cluster mode)."
  value       = module.data.redis_endpoint
}

output "github_role_arns" {
  description = "GitHub Actions role ARNs (ci, plan, apply)."
  value = {
    ci     = module.github_oidc.ci_role_arn
    plan   = module.github_oidc.plan_role_arn
    apply  = module.github_oidc.apply_role_arn
    deploy = module.github_oidc.deploy_role_arn
  }
}

output "secret_properties" {
  description = "Secrets Manager secrets the ExternalSecrets read: name => JSON properties."
  value       = module.secrets.secret_properties
}

output "operator_secrets" {
  description = "Secrets an operator must fill: name => properties (terraform/README.md)."
  value       = module.secrets.operator_secrets
}

output "role_names" {
  description = "IRSA role names (services and add-ons) and the Karpenter node role, as planned."
  value       = concat(values(module.workload_identity.service_role_names), values(module.workload_identity.addon_role_names), [module.eks.karpenter_node_role_name])
}

output "break_glass_role_arn" {
  description = "Role people assume (with MFA) for cluster-admin access."
  value       = module.cluster_access.break_glass_role_arn
}

output "deploy_kubernetes_group" {
  description = "Kubernetes group of the CI deploy role (RoleBinding subject in dist/<env>/bootstrap)."
  value       = module.cluster_access.deploy_kubernetes_group
}

output "edge_certificate_arn" {
  description = "ACM certificate of the public ALB (null without a public service)."
  value       = one(module.edge[*].certificate_arn)
}

output "edge_waf_acl_arn" {
  description = "Regional WAFv2 web ACL of the public ALB (null without a public service)."
  value       = one(module.edge[*].web_acl_arn)
}

output "spa" {
  description = "React SPA deploy targets: bucket to sync the build into and the CloudFront distribution to invalidate (null without spa_host)."
  value       = var.spa_host == null ? null : { bucket = module.spa[0].bucket_name, distribution_id = module.spa[0].distribution_id }
}

output "alarm_topic_arn" {
  description = "SNS topic every CloudWatch alarm notifies."
  value       = module.alarms.topic_arn
}
