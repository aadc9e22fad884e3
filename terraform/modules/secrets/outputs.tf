output "secret_arns" {
  description = "Secret ARN by name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "secret_properties" {
  description = "JSON properties by secret name: what Terraform writes, or what an operator must put in."
  value       = { for k, s in local.secrets : k => s.source == "terraform" ? sort(keys(var.values[k])) : sort(s.properties) }
}

output "operator_secrets" {
  description = "Secrets whose value an operator provides: name => properties."
  value       = { for k, s in local.secrets : k => sort(s.properties) if s.source == "operator" }
}
