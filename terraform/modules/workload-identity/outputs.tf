output "service_role_arns" {
  description = "IRSA role ARN by catalog service name."
  value       = { for k in keys(var.services) : k => aws_iam_role.this["service/${k}"].arn }
}

output "service_role_names" {
  description = "IRSA role name by catalog service name."
  value       = { for k in keys(var.services) : k => aws_iam_role.this["service/${k}"].name }
}

output "addon_role_arns" {
  description = "IRSA role ARN by add-on name."
  value       = { for k in keys(var.addons) : k => aws_iam_role.this["addon/${k}"].arn }
}

output "addon_role_names" {
  description = "IRSA role name by add-on name."
  value       = { for k in keys(var.addons) : k => aws_iam_role.this["addon/${k}"].name }
}
