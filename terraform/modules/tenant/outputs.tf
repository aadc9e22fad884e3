output "key_arn" {
  description = "ARN of the tenant's KMS key."
  value       = module.key.key_arns[var.tenant]
}

output "key_alias" {
  description = "Alias of the tenant's KMS key (alias/<prefix>-tenant-<tenant>)."
  value       = module.key.alias_names[var.tenant]
}

output "queue_url" {
  description = "URL of the tenant's queue."
  value       = aws_sqs_queue.this.url
}

output "queue_arn" {
  description = "ARN of the tenant's queue."
  value       = aws_sqs_queue.this.arn
}

output "dlq_arn" {
  description = "ARN of the tenant's dead-letter queue."
  value       = aws_sqs_queue.dlq.arn
}

output "role_arns" {
  description = "Roles acting for the tenant: by service (silo) or `access` (pool)."
  value       = { for k, r in aws_iam_role.this : k => r.arn }
}

output "dlq_name" {
  description = "Name of the tenant's dead-letter queue (known at plan: the platform's alarms key on it)."
  value       = "${local.name}-dlq"
}
