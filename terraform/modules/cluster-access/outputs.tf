output "break_glass_role_arn" {
  description = "Role people assume (with MFA) for cluster-admin access."
  # Built from the name (IAM ARN format, default path): known at plan, like the other layers' role ARNs.
  value = "arn:${var.partition}:iam::${var.account_id}:role/${aws_iam_role.break_glass.name}"
}

output "deploy_kubernetes_group" {
  description = "Kubernetes group the deploy role authenticates as."
  value       = var.deploy_kubernetes_group
}
