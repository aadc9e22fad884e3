output "break_glass_role_arn" {
  description = "Role people assume (with MFA) for cluster-admin access."
  value       = aws_iam_role.break_glass.arn
}

output "deploy_kubernetes_group" {
  description = "Kubernetes group the deploy role authenticates as."
  value       = var.deploy_kubernetes_group
}
