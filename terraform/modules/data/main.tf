locals {
  bucket_names = { for k, v in var.buckets : k => "${var.name_prefix}-${k}-${var.account_id}" }
  bucket_arns  = { for k, n in local.bucket_names : k => "arn:${var.partition}:s3:::${n}" }
  log_bucket   = "${var.name_prefix}-access-logs-${var.account_id}"
  queue_names  = { for q in var.queues : q => "${var.name_prefix}-${q}" }
  queue_arns   = { for q, n in local.queue_names : q => "arn:${var.partition}:sqs:${var.region}:${var.account_id}:${n}" }
  dlq_arns     = { for q, n in local.queue_names : q => "arn:${var.partition}:sqs:${var.region}:${var.account_id}:${n}-dlq" }
  db_id        = "${var.name_prefix}-postgres"

  # Shards and replicas apply once cluster mode is enabled; before that the group counts nodes.
  redis_sharded = var.redis.cluster_mode == "enabled"
}

# --- S3: access-log bucket ------------------------------------------------------------------------
# S3 server access logging cannot deliver to an SSE-KMS bucket, so this one bucket uses SSE-S3
# (tagged fintrack.io/purpose=access-logs; the plan checks accept that exception only).

resource "aws_s3_bucket" "logs" {
  bucket = local.log_bucket

  tags = merge(var.tags, { "fintrack.io/purpose" = "access-logs" })
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire-access-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = 365
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

data "aws_iam_policy_document" "logs_bucket" {
  statement {
    sid       = "S3ServerAccessLogs"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["arn:${var.partition}:s3:::${local.log_bucket}/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:${var.partition}:s3:::${local.log_bucket}", "arn:${var.partition}:s3:::${local.log_bucket}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs_bucket.json
}

# --- S3: data buckets -----------------------------------------------------------------------------

resource "aws_s3_bucket" "this" {
  for_each = local.bucket_names

  bucket = each.value

  tags = merge(var.tags, { "fintrack.io/bucket" = each.key })
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.bucket_names

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = local.bucket_names

  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.bucket_names

  bucket = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.bucket_names

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arns["s3"]
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = var.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    id     = "retention"
    status = "Enabled"

    filter {}

    dynamic "expiration" {
      for_each = each.value.expiration_days == null ? [] : [each.value.expiration_days]

      content {
        days = expiration.value
      }
    }

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_s3_bucket_logging" "this" {
  for_each = local.bucket_names

  bucket        = aws_s3_bucket.this[each.key].id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "${each.value}/"
}

data "aws_iam_policy_document" "bucket" {
  for_each = local.bucket_arns

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value, "${each.value}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.bucket_names

  bucket = aws_s3_bucket.this[each.key].id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

# --- SQS -----------------------------------------------------------------------------------------

resource "aws_sqs_queue" "dlq" {
  for_each = local.queue_names

  name                              = "${each.value}-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = var.kms_key_arns["sqs"]
  kms_data_key_reuse_period_seconds = 300

  tags = var.tags
}

resource "aws_sqs_queue" "this" {
  for_each = local.queue_names

  name                              = each.value
  message_retention_seconds         = 345600
  visibility_timeout_seconds        = 60
  kms_master_key_id                 = var.kms_key_arns["sqs"]
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = local.dlq_arns[each.key]
    maxReceiveCount     = var.queue_max_receive_count
  })

  tags = var.tags

  depends_on = [aws_sqs_queue.dlq]
}

data "aws_iam_policy_document" "queue" {
  for_each = local.queue_arns

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [each.value]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "dlq" {
  for_each = local.dlq_arns

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [each.value]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "this" {
  for_each = local.queue_names

  queue_url = aws_sqs_queue.this[each.key].url
  policy    = data.aws_iam_policy_document.queue[each.key].json
}

resource "aws_sqs_queue_policy" "dlq" {
  for_each = local.queue_names

  queue_url = aws_sqs_queue.dlq[each.key].url
  policy    = data.aws_iam_policy_document.dlq[each.key].json
}

# --- Security groups -------------------------------------------------------------------------------

resource "aws_security_group" "postgres" {
  name        = "${var.name_prefix}-postgres"
  description = "PostgreSQL, reachable only from the private (EKS) subnets"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name_prefix}-postgres" })
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  for_each = toset(var.client_cidrs)

  security_group_id = aws_security_group.postgres.id
  description       = "PostgreSQL from private subnet ${each.key}"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = each.key
}

resource "aws_security_group" "redis" {
  name        = "${var.name_prefix}-redis"
  description = "Redis, reachable only from the private (EKS) subnets"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name_prefix}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  for_each = toset(var.client_cidrs)

  security_group_id = aws_security_group.redis.id
  description       = "Redis TLS from private subnet ${each.key}"
  ip_protocol       = "tcp"
  from_port         = 6379
  to_port           = 6379
  cidr_ipv4         = each.key
}

# --- RDS PostgreSQL 16 -----------------------------------------------------------------------------

resource "aws_db_subnet_group" "this" {
  name       = "${var.name_prefix}-isolated"
  subnet_ids = var.isolated_subnet_ids

  tags = var.tags
}

resource "aws_db_parameter_group" "postgres" {
  name   = "${var.name_prefix}-postgres16"
  family = "postgres16"

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "postgres" {
  for_each = toset(["postgresql", "upgrade"])

  name              = "/aws/rds/instance/${local.db_id}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arns["logs"]

  tags = var.tags
}

data "aws_iam_policy_document" "monitoring_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "rds_monitoring" {
  permissions_boundary = var.permissions_boundary
  name                 = "${var.name_prefix}-rds-monitoring"
  assume_role_policy   = data.aws_iam_policy_document.monitoring_trust.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "rds_monitoring" {
  role       = aws_iam_role.rds_monitoring.name
  policy_arn = "arn:${var.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "postgres" {
  identifier     = local.db_id
  engine         = "postgres"
  engine_version = var.postgres.engine_version
  instance_class = var.postgres.instance_class
  db_name        = "fintrack"
  username       = "fintrack_admin"
  port           = 5432

  # The master password is generated and rotated by RDS in Secrets Manager, encrypted with the CMK.
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arns["secrets"]

  allocated_storage     = var.postgres.allocated_storage
  max_allocated_storage = var.postgres.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arns["rds"]

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.postgres.id]
  publicly_accessible    = false
  multi_az               = var.postgres.multi_az
  parameter_group_name   = aws_db_parameter_group.postgres.name

  iam_database_authentication_enabled = true

  backup_retention_period   = var.postgres.backup_retention_period
  backup_window             = "03:00-04:00"
  maintenance_window        = "sun:04:30-sun:05:30"
  copy_tags_to_snapshot     = true
  deletion_protection       = var.postgres.deletion_protection
  skip_final_snapshot       = false
  final_snapshot_identifier = "${local.db_id}-final"

  auto_minor_version_upgrade      = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
  monitoring_interval             = var.postgres.monitoring_interval
  monitoring_role_arn             = aws_iam_role.rds_monitoring.arn

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arns["rds"]
  performance_insights_retention_period = 7

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.postgres]
}

# --- ElastiCache Redis 7 ---------------------------------------------------------------------------
# Auth without a shared secret: TLS in transit plus RBAC. The default user is disabled; the
# application user authenticates with IAM (elasticache:Connect), so no password exists anywhere.

resource "aws_elasticache_subnet_group" "this" {
  name       = "${var.name_prefix}-isolated"
  subnet_ids = var.isolated_subnet_ids

  tags = var.tags
}

resource "aws_elasticache_user" "default" {
  user_id       = "${var.name_prefix}-default"
  user_name     = "default"
  engine        = "redis"
  access_string = "off -@all"

  authentication_mode {
    type = "no-password-required"
  }

  tags = var.tags
}

resource "aws_elasticache_user" "app" {
  user_id       = "${var.name_prefix}-app"
  user_name     = "${var.name_prefix}-app"
  engine        = "redis"
  access_string = "on ~* +@all -@dangerous"

  authentication_mode {
    type = "iam"
  }

  tags = var.tags
}

resource "aws_elasticache_user_group" "this" {
  user_group_id = "${var.name_prefix}-redis"
  engine        = "redis"
  user_ids      = [aws_elasticache_user.default.user_id, aws_elasticache_user.app.user_id]

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "redis" {
  name              = "/aws/elasticache/${var.name_prefix}-redis/slow-log"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arns["logs"]

  tags = var.tags
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id = "${var.name_prefix}-redis"
  description          = "FinTrack Redis 7 (${var.name_prefix})"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = var.redis.node_type
  port                 = 6379

  # Cluster mode: shards × replicas once enabled; a group created with cluster mode disabled gets
  # there in place through "compatible" (terraform/README.md "Redis cluster mode"). None of these
  # arguments is ForceNew (terraform-provider-aws internal/service/elasticache/replication_group.go,
  # resourceReplicationGroup schema; shard changes go through modifyReplicationGroupShardConfiguration).
  cluster_mode            = var.redis.cluster_mode
  parameter_group_name    = var.redis.cluster_mode == "disabled" ? "default.redis7" : "default.redis7.cluster.on"
  num_cache_clusters      = local.redis_sharded ? null : var.redis.num_cache_clusters
  num_node_groups         = local.redis_sharded ? var.redis.num_node_groups : null
  replicas_per_node_group = local.redis_sharded ? var.redis.replicas_per_node_group : null

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.redis.id]

  automatic_failover_enabled = var.redis.automatic_failover
  multi_az_enabled           = var.redis.automatic_failover

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arns["elasticache"]
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  user_group_ids             = [aws_elasticache_user_group.this.user_group_id]

  snapshot_retention_limit   = var.redis.snapshot_retention_limit
  auto_minor_version_upgrade = true

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.redis.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }

  tags = var.tags
}
