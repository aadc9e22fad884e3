output "bucket_names" {
  description = "Bucket name by short name."
  value       = { for k, v in aws_s3_bucket.this : k => v.bucket }
}

output "bucket_arns" {
  description = "Bucket ARN by short name (built from the name, known at plan time)."
  value       = local.bucket_arns
}

output "access_log_bucket_name" {
  description = "Bucket receiving S3 server access logs."
  value       = aws_s3_bucket.logs.bucket
}

output "queue_names" {
  description = "Queue name by short name."
  value       = { for k, v in aws_sqs_queue.this : k => v.name }
}

output "queue_arns" {
  description = "Queue ARN by short name (built from the name, known at plan time)."
  value       = local.queue_arns
}

output "rds_resource_id" {
  description = "DbiResourceId for rds-db:connect ARNs."
  value       = aws_db_instance.postgres.resource_id
}

output "rds_endpoint" {
  description = "PostgreSQL endpoint address."
  value       = aws_db_instance.postgres.address
}

output "rds_master_user_secret_arn" {
  description = "ARN (not the value) of the RDS-managed master user secret."
  value       = try(aws_db_instance.postgres.master_user_secret[0].secret_arn, null)
}

output "redis_endpoint" {
  description = "Redis endpoint clients connect to over TLS: the configuration endpoint in cluster mode, else the primary endpoint."
  value       = local.redis_sharded ? aws_elasticache_replication_group.redis.configuration_endpoint_address : aws_elasticache_replication_group.redis.primary_endpoint_address
}

output "redis_cluster_mode" {
  description = "Redis cluster mode (enabled: clients must speak the cluster protocol)."
  value       = var.redis.cluster_mode
}

output "redis_app_user" {
  description = "Redis RBAC user name that authenticates with IAM."
  value       = aws_elasticache_user.app.user_name
}

output "queue_urls" {
  description = "Queue URL by short name (written into the sqs secret)."
  value       = { for k, v in aws_sqs_queue.this : k => v.url }
}

output "rds_port" {
  description = "PostgreSQL port."
  value       = aws_db_instance.postgres.port
}

output "rds_database" {
  description = "Database the services use."
  value       = aws_db_instance.postgres.db_name
}

output "redis_replication_group_arn" {
  description = "Redis replication group ARN (elasticache:Connect resource), built from its id."
  value       = "arn:${var.partition}:elasticache:${var.region}:${var.account_id}:replicationgroup:${aws_elasticache_replication_group.redis.replication_group_id}"
}

output "redis_user_arn" {
  description = "ARN of the IAM-authenticated RBAC user (elasticache:Connect resource), built from its id."
  value       = "arn:${var.partition}:elasticache:${var.region}:${var.account_id}:user:${aws_elasticache_user.app.user_id}"
}

# ElastiCache names a cluster-mode group's members <group>-<shard 0001…>-<node 001…> (AWS ElastiCache
# guide, "Connecting to nodes in a Valkey or Redis OSS cluster", describe-replication-groups
# MemberClusters), so CloudWatch's CacheClusterId is known before the group exists.
output "redis_node_ids" {
  description = "ElastiCache node ids (CloudWatch CacheClusterId), known at plan time from ElastiCache's member naming: <group>-<shard, 4 digits>-<node, 3 digits> in cluster mode, <group>-<node, 3 digits> otherwise."
  value = local.redis_sharded ? flatten([
    for s in range(1, var.redis.num_node_groups + 1) : [
      for n in range(1, var.redis.replicas_per_node_group + 2) : format("%s-%04d-%03d", aws_elasticache_replication_group.redis.replication_group_id, s, n)
    ]
  ]) : [for n in range(1, var.redis.num_cache_clusters + 1) : format("%s-%03d", aws_elasticache_replication_group.redis.replication_group_id, n)]
}

output "dlq_names" {
  description = "Names of every dead-letter queue."
  value       = sort([for q in aws_sqs_queue.dlq : q.name])
}

output "db_instance_identifier" {
  description = "RDS instance identifier (CloudWatch DBInstanceIdentifier)."
  value       = aws_db_instance.postgres.identifier
}

output "versioned_buckets" {
  description = "Bucket name by short name once versioning is on (S3 replication needs it), with the expiration of current objects."
  value       = { for k, n in local.bucket_names : k => { name = n, expiration_days = var.buckets[k].expiration_days } }

  # Known names at plan time, handed out only after versioning is configured.
  depends_on = [aws_s3_bucket_versioning.this]
}

output "rds_instance_arn" {
  description = "RDS instance ARN, built from its identifier (known at plan time)."
  value       = "arn:${var.partition}:rds:${var.region}:${var.account_id}:db:${aws_db_instance.postgres.identifier}"
}

output "rds_backup_retention_period" {
  description = "RDS automated backup retention (days)."
  value       = var.postgres.backup_retention_period
}
