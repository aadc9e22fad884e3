output "secrets_kms_key_arn" {
  description = "CMK in the DR region for Secrets Manager replicas."
  value       = module.kms.key_arns["secrets"]
}

output "replications" {
  description = "Replication rules by primary bucket short name (source, destination, rule id) for the alarms."
  value       = { for k, b in var.buckets : k => { source_bucket = b.name, destination_bucket = local.replicas[k], rule_id = "dr-${var.dr_region}" } }
}

output "replica_bucket_names" {
  description = "DR replica bucket by primary bucket short name."
  value       = local.replicas
}
