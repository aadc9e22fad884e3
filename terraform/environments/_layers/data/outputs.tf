output "access_log_bucket_name" {
  description = "S3 server access log bucket (the target of every other bucket's access logs)."
  value       = module.data.access_log_bucket_name
}

output "bucket_arns" {
  description = "Data bucket ARN by short name."
  value       = module.data.bucket_arns
}

output "bucket_names" {
  description = "Data bucket name by short name."
  value       = module.data.bucket_names
}

output "queue_arns" {
  description = "Queue ARN by catalog queue."
  value       = module.data.queue_arns
}

output "queue_names" {
  description = "Queue name by catalog queue."
  value       = module.data.queue_names
}

output "dlq_names" {
  description = "Dead-letter queue names (alarmed by the observability layer)."
  value       = module.data.dlq_names
}

output "topic_arns" {
  description = "SNS topic ARN by catalog topic."
  value       = module.topics.topic_arns
}

output "rds_resource_id" {
  description = "RDS resource id (rds-db:connect ARNs of the IRSA roles)."
  value       = module.data.rds_resource_id
}

output "rds_endpoint" {
  description = "PostgreSQL endpoint."
  value       = module.data.rds_endpoint
}

output "db_instance_identifier" {
  description = "RDS instance identifier (alarms)."
  value       = module.data.db_instance_identifier
}

output "redis_endpoint" {
  description = "Redis endpoint (configuration endpoint in cluster mode)."
  value       = module.data.redis_endpoint
}

output "redis_replication_group_arn" {
  description = "ElastiCache replication group ARN."
  value       = module.data.redis_replication_group_arn
}

output "redis_user_arn" {
  description = "ElastiCache RBAC user of the applications."
  value       = module.data.redis_user_arn
}

output "redis_node_ids" {
  description = "ElastiCache member clusters (alarms)."
  value       = module.data.redis_node_ids
}

output "replications" {
  description = "Cross-region S3 replications (alarms on their latency); empty without DR."
  value       = module.settings.dr_region == null ? {} : module.dr[0].replications
}

output "secret_properties" {
  description = "Secrets Manager secrets the ExternalSecrets read: name => JSON properties (checked against contract.json)."
  value       = module.secrets.secret_properties
}

output "operator_secrets" {
  description = "Secrets whose value an operator puts in after apply: name => properties."
  value       = module.secrets.operator_secrets
}
