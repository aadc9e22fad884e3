# Role ARNs are built from the role names (IAM ARN format, default path): known at plan, the names
# apps/aws-names.ts derives.
output "service_role_arns" {
  description = "IRSA role ARN by catalog service name."
  value       = { for k in keys(var.services) : k => "arn:${var.partition}:iam::${var.account_id}:role/${aws_iam_role.this["service/${k}"].name}" }
}

output "service_role_names" {
  description = "IRSA role name by catalog service name."
  value       = { for k in keys(var.services) : k => aws_iam_role.this["service/${k}"].name }
}

output "addon_role_arns" {
  description = "IRSA role ARN by add-on name."
  value       = { for k in keys(var.addons) : k => "arn:${var.partition}:iam::${var.account_id}:role/${aws_iam_role.this["addon/${k}"].name}" }
}

output "addon_role_names" {
  description = "IRSA role name by add-on name."
  value       = { for k in keys(var.addons) : k => aws_iam_role.this["addon/${k}"].name }
}
