output "secrets_kms_key_arn" {
  description = "CMK in the DR region for Secrets Manager replicas."
  value       = module.kms.key_arns["secrets"]
}

output "replica_bucket_names" {
  description = "DR replica bucket by primary bucket short name."
  value       = local.replicas
}
