output "key_arns" {
  description = "Key ARN by purpose."
  value       = { for k, v in aws_kms_key.this : k => v.arn }
}

output "key_ids" {
  description = "Key id by purpose."
  value       = { for k, v in aws_kms_key.this : k => v.key_id }
}

output "alias_names" {
  description = "Alias name by purpose."
  value       = { for k, v in aws_kms_alias.this : k => v.name }
}
