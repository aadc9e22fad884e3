output "cluster_name" {
  description = "EKS cluster name."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "EKS API endpoint."
  value       = module.eks.cluster_endpoint
}

output "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster (IRSA trust of the platform layer's roles)."
  value       = module.eks.oidc_provider_arn
}

output "oidc_issuer_host" {
  description = "OIDC issuer host of the cluster (IRSA trust conditions)."
  value       = module.eks.oidc_issuer_host
}

output "karpenter_node_role_arn" {
  description = "Karpenter node role ARN."
  value       = module.eks.karpenter_node_role_arn
}

output "karpenter_node_role_name" {
  description = "Karpenter node role name (EC2NodeClass spec.role)."
  value       = module.eks.karpenter_node_role_name
}

output "karpenter_interruption_queue" {
  description = "Karpenter interruption queue name."
  value       = module.eks.karpenter_interruption_queue_name
}

output "karpenter_interruption_queue_arn" {
  description = "Karpenter interruption queue ARN."
  value       = module.eks.karpenter_interruption_queue_arn
}

output "ecr_registry" {
  description = "ECR registry host."
  value       = "${module.settings.account_id}.dkr.ecr.${module.settings.region}.amazonaws.com"
}

output "ecr_repository_arns" {
  description = "ECR repository ARNs (pulled by the platform layer's add-on roles)."
  # ECR's ARN format from the repository names: known at plan for the platform layer.
  value = [for name in sort(keys(module.ecr.repository_arns)) : "arn:${module.settings.partition}:ecr:${module.settings.region}:${module.settings.account_id}:repository/${name}"]
}

output "break_glass_role_arn" {
  description = "Role people assume (with MFA) for cluster-admin access after apply."
  value       = module.cluster_access.break_glass_role_arn
}

output "deploy_kubernetes_group" {
  description = "Kubernetes group of the CI deploy role (RoleBinding subject in dist/<env>/bootstrap)."
  value       = module.cluster_access.deploy_kubernetes_group
}
