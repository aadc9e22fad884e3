mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"
  name_prefix          = "fintrack-test"
  account_id           = "123456789012"
  region               = "us-east-1"
  vpc_id               = "vpc-0123456789abcdef0"
  isolated_subnet_ids  = ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"]
  client_cidrs         = ["10.0.11.0/24", "10.0.12.0/24", "10.0.13.0/24"]
  kms_key_arns = {
    rds         = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000001"
    elasticache = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000002"
    s3          = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000003"
    sqs         = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000004"
    secrets     = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000005"
    logs        = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000006"
  }
  postgres = {
    instance_class          = "db.r6g.large"
    allocated_storage       = 100
    max_allocated_storage   = 500
    multi_az                = true
    backup_retention_period = 35
  }
  redis   = { node_type = "cache.r6g.large", num_node_groups = 3, replicas_per_node_group = 2, automatic_failover = true }
  buckets = { reports = {}, loki = { expiration_days = 90 } }
  queues  = ["transactions"]
}

run "postgres_is_private_encrypted_and_resilient" {
  command = plan

  assert {
    condition = (
      aws_db_instance.postgres.engine == "postgres" && startswith(aws_db_instance.postgres.engine_version, "16") &&
      aws_db_instance.postgres.storage_encrypted && aws_db_instance.postgres.kms_key_id == var.kms_key_arns["rds"] &&
      aws_db_instance.postgres.iam_database_authentication_enabled && aws_db_instance.postgres.multi_az &&
      aws_db_instance.postgres.backup_retention_period == 35 && aws_db_instance.postgres.deletion_protection &&
      !aws_db_instance.postgres.publicly_accessible
    )
    error_message = "RDS must be PG16, CMK-encrypted, IAM auth, multi-AZ, 35-day backups, deletion-protected and private."
  }

  assert {
    condition     = aws_db_instance.postgres.performance_insights_enabled && aws_db_instance.postgres.performance_insights_kms_key_id == var.kms_key_arns["rds"] && aws_db_instance.postgres.monitoring_interval == 60
    error_message = "Performance Insights with CMK and enhanced monitoring are required."
  }

  assert {
    condition     = toset(aws_db_instance.postgres.enabled_cloudwatch_logs_exports) == toset(["postgresql", "upgrade"])
    error_message = "postgresql and upgrade logs must be exported."
  }

  assert {
    condition     = aws_db_instance.postgres.manage_master_user_password && aws_db_instance.postgres.master_user_secret_kms_key_id == var.kms_key_arns["secrets"]
    error_message = "The master password must be RDS-managed in Secrets Manager with the CMK."
  }

  assert {
    condition     = one([for p in aws_db_parameter_group.postgres.parameter : p.value if p.name == "rds.force_ssl"]) == "1"
    error_message = "rds.force_ssl must be 1."
  }

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.postgres : r.from_port == 5432 && r.to_port == 5432 && contains(var.client_cidrs, r.cidr_ipv4) && r.description != null])
    error_message = "PostgreSQL ingress only on 5432 from the private subnets, each rule described."
  }
}

run "redis_encrypted_with_rbac_and_failover" {
  command = plan

  assert {
    condition = (
      aws_elasticache_replication_group.redis.at_rest_encryption_enabled == "true" && aws_elasticache_replication_group.redis.kms_key_id == var.kms_key_arns["elasticache"] &&
      aws_elasticache_replication_group.redis.transit_encryption_enabled && length(aws_elasticache_replication_group.redis.user_group_ids) == 1 &&
      aws_elasticache_replication_group.redis.automatic_failover_enabled && aws_elasticache_replication_group.redis.multi_az_enabled
    )
    error_message = "Redis must be encrypted at rest (CMK) and in transit, use RBAC and fail over automatically."
  }

  assert {
    condition = (
      aws_elasticache_replication_group.redis.cluster_mode == "enabled" && aws_elasticache_replication_group.redis.num_node_groups == 3 &&
      aws_elasticache_replication_group.redis.replicas_per_node_group == 2 && aws_elasticache_replication_group.redis.parameter_group_name == "default.redis7.cluster.on"
    )
    error_message = "Redis must run in cluster mode: 3 shards x 2 replicas with a cluster-enabled parameter group."
  }

  assert {
    condition     = aws_elasticache_user.default.access_string == "off -@all" && one(aws_elasticache_user.app.authentication_mode).type == "iam"
    error_message = "Default Redis user disabled; the app user authenticates with IAM (no password)."
  }
}

run "buckets_and_queues_are_locked_down" {
  command = plan

  assert {
    condition     = aws_s3_bucket.this["reports"].bucket == "fintrack-test-reports-123456789012"
    error_message = "Bucket names must be <prefix>-<bucket>-<account>."
  }

  assert {
    condition     = alltrue([for b in aws_s3_bucket_public_access_block.this : b.block_public_acls && b.block_public_policy && b.ignore_public_acls && b.restrict_public_buckets])
    error_message = "All four public access block flags must be set."
  }

  assert {
    condition = alltrue(flatten([for c in aws_s3_bucket_server_side_encryption_configuration.this : [for r in c.rule : r.bucket_key_enabled && alltrue([
      for d in r.apply_server_side_encryption_by_default : d.sse_algorithm == "aws:kms" && d.kms_master_key_id == var.kms_key_arns["s3"]
    ])]]))
    error_message = "Buckets must use SSE-KMS with the CMK and a bucket key."
  }

  assert {
    condition     = alltrue([for v in aws_s3_bucket_versioning.this : v.versioning_configuration[0].status == "Enabled"]) && length(aws_s3_bucket_logging.this) == 2
    error_message = "Buckets must be versioned and log access."
  }

  assert {
    condition     = alltrue([for d in data.aws_iam_policy_document.bucket : anytrue([for s in d.statement : s.effect == "Deny" && anytrue([for c in s.condition : c.variable == "aws:SecureTransport" && contains(c.values, "false")])])])
    error_message = "Bucket policies must deny non-TLS requests."
  }

  assert {
    condition     = aws_sqs_queue.this["transactions"].name == "fintrack-test-transactions" && aws_sqs_queue.this["transactions"].kms_master_key_id == var.kms_key_arns["sqs"] && jsondecode(aws_sqs_queue.this["transactions"].redrive_policy).maxReceiveCount == 5
    error_message = "Queues must be named <prefix>-<queue>, KMS-encrypted and have a DLQ."
  }
}

# Step 1 of the in-place migration (terraform/README.md "Redis cluster mode"): the existing group
# keeps its nodes and becomes cluster-mode compatible with the cluster-enabled parameter group.
run "migration_step_compatible_keeps_the_nodes" {
  command = plan

  variables {
    redis = { node_type = "cache.r6g.large", cluster_mode = "compatible", num_cache_clusters = 3, automatic_failover = true }
  }

  assert {
    condition = (
      aws_elasticache_replication_group.redis.cluster_mode == "compatible" && aws_elasticache_replication_group.redis.num_cache_clusters == 3 &&
      aws_elasticache_replication_group.redis.parameter_group_name == "default.redis7.cluster.on"
    )
    error_message = "compatible mode keeps num_cache_clusters and switches to the cluster-enabled parameter group."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule (a
# missing failure fails the run), so the module is planned once for all of them.
run "rejects_one_node_failover_long_backups_open_clients_and_missing_key" {
  command = plan

  variables {
    redis        = { node_type = "cache.t4g.small", cluster_mode = "disabled", num_cache_clusters = 1, automatic_failover = true }
    postgres     = { instance_class = "db.t4g.medium", allocated_storage = 20, max_allocated_storage = 50, multi_az = false, backup_retention_period = 40 }
    client_cidrs = ["0.0.0.0/0"]
    kms_key_arns = { rds = "arn:aws:kms:us-east-1:123456789012:key/x" }
  }

  expect_failures = [var.redis, var.postgres, var.client_cidrs, var.kms_key_arns]
}

run "rejects_cluster_mode_without_failover" {
  command = plan

  variables {
    redis = { node_type = "cache.t4g.small", num_node_groups = 1, replicas_per_node_group = 1, automatic_failover = false }
  }

  expect_failures = [var.redis]
}

run "rejects_node_count_in_cluster_mode" {
  command = plan

  variables {
    redis = { node_type = "cache.t4g.small", num_cache_clusters = 3, automatic_failover = true }
  }

  expect_failures = [var.redis]
}

run "rejects_compatible_without_failover" {
  command = plan

  variables {
    redis = { node_type = "cache.t4g.small", cluster_mode = "compatible", num_cache_clusters = 1, automatic_failover = false }
  }

  expect_failures = [var.redis]
}

run "rejects_disabled_enhanced_monitoring" {
  command = plan

  variables {
    postgres = { instance_class = "db.t4g.medium", allocated_storage = 20, max_allocated_storage = 50, multi_az = false, backup_retention_period = 7, monitoring_interval = 0 }
  }

  expect_failures = [var.postgres]
}

