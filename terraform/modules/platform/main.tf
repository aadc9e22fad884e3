locals {
  name   = "fintrack-${var.environment}"
  octets = split(".", split("/", var.vpc_cidr)[0])
  base   = "${local.octets[0]}.${local.octets[1]}"

  services = { for s in var.catalog.services : s.name => s }
  addons   = { for a in var.catalog.addons : a.name => { namespace = a.namespace, service_account = a.serviceAccount } }
  buckets = merge(
    { for b in var.catalog.buckets : b => { expiration_days = null } },
    { loki = { expiration_days = 90 } },
  )

  # Keys of data at rest (tenant data: databases, cache, objects, messages, secrets) rotate every
  # 90 days (seed 004, "Database Encryption with Customer-Specific Keys"); the others keep 365.
  kms_keys = {
    eks         = { description = "EKS secrets envelope encryption" }
    logs        = { description = "CloudWatch log groups", service_principals = ["logs.${var.region}.amazonaws.com"] }
    rds         = { description = "RDS storage and Performance Insights", rotation_period_in_days = 90 }
    elasticache = { description = "ElastiCache at rest", rotation_period_in_days = 90 }
    s3          = { description = "S3 buckets (SSE-KMS)", service_principals = ["delivery.logs.amazonaws.com"], rotation_period_in_days = 90 }
    sqs         = { description = "SQS queues", service_principals = ["events.amazonaws.com"], rotation_period_in_days = 90 }
    sns         = { description = "SNS topics (the flows' completion notifications)", rotation_period_in_days = 90 }
    secrets     = { description = "Secrets Manager secrets", rotation_period_in_days = 90 }
    ecr         = { description = "ECR repositories" }
    alarms      = { description = "SNS alarm topic", service_principals = ["cloudwatch.amazonaws.com"] }
    spa         = { description = "React SPA bucket (read by CloudFront OAC)", service_principals = ["cloudfront.amazonaws.com"] }
  }

  # Thresholds from the catalog (apps/schema/alarms.ts fills the defaults; these only cover a
  # catalog.json written before the alarms block existed).
  alarms = coalesce(var.catalog.alarms, {
    rdsCpuPercent = 80, rdsFreeStorageGiB = 10, redisMemoryPercent = 80, natPortAllocationErrors = 1, natPacketsDropped = 100, dlqMessages = 1, slack = null
  })
}

module "kms" {
  source = "../kms"

  name_prefix = local.name
  account_id  = var.account_id
  partition   = var.partition
  region      = var.region
  keys        = local.kms_keys
  tags        = var.tags
}

module "network" {
  source = "../network"

  permissions_boundary    = module.github_oidc.permissions_boundary_arn
  name                    = local.name
  cluster_name            = var.cluster_name
  region                  = var.region
  cidr                    = var.vpc_cidr
  azs                     = var.azs
  public_subnets          = [for i in [1, 2, 3] : "${local.base}.${i}.0/24"]
  private_subnets         = [for i in [11, 12, 13] : "${local.base}.${i}.0/24"]
  isolated_subnets        = [for i in [21, 22, 23] : "${local.base}.${i}.0/24"]
  single_nat_gateway      = var.single_nat_gateway
  flow_log_kms_key_arn    = module.kms.key_arns["logs"]
  flow_log_bucket_arn     = module.flow_log_bucket.arn
  flow_log_retention_days = var.log_retention_days
  tags                    = var.tags
}

# VPC flow logs in S3 for Athena. The log delivery service writes only under AWSLogs/<account>/,
# only for this account's log sources (AWS VPC user guide, "Flow log records in Amazon S3": bucket
# policy AWSLogDeliveryWrite / AWSLogDeliveryAclCheck); the s3 CMK lets it generate data keys.
locals {
  flow_log_bucket = "${local.name}-flow-logs-${var.account_id}"
}

data "aws_iam_policy_document" "flow_log_delivery" {
  statement {
    sid       = "AWSLogDeliveryWrite"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["arn:${var.partition}:s3:::${local.flow_log_bucket}/vpc-flow-logs/AWSLogs/${var.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${var.partition}:logs:${var.region}:${var.account_id}:*"]
    }
  }

  statement {
    sid       = "AWSLogDeliveryAclCheck"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:${var.partition}:s3:::${local.flow_log_bucket}"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

module "flow_log_bucket" {
  source = "../bucket"

  name              = local.flow_log_bucket
  purpose           = "flow-logs"
  kms_key_arn       = module.kms.key_arns["s3"]
  access_log_bucket = module.data.access_log_bucket_name
  expiration_days   = var.log_retention_days
  policy_documents  = [data.aws_iam_policy_document.flow_log_delivery.json]
  tags              = var.tags
}

module "eks" {
  source = "../eks"

  permissions_boundary   = module.github_oidc.permissions_boundary_arn
  cluster_name           = var.cluster_name
  account_id             = var.account_id
  partition              = var.partition
  region                 = var.region
  vpc_id                 = module.network.vpc_id
  subnet_ids             = module.network.private_subnet_ids
  endpoint_public_access = var.endpoint_public_access
  public_access_cidrs    = var.public_access_cidrs
  secrets_kms_key_arn    = module.kms.key_arns["eks"]
  logs_kms_key_arn       = module.kms.key_arns["logs"]
  sqs_kms_key_arn        = module.kms.key_arns["sqs"]
  log_retention_days     = var.log_retention_days
  access_entries         = var.access_entries
  system_node_group      = var.system_node_group
  tags                   = var.tags
}

module "ecr" {
  source = "../ecr"

  repositories = toset([for s in var.catalog.services : s.ecrRepository])
  kms_key_arn  = module.kms.key_arns["ecr"]
  tags         = var.tags
}

module "data" {
  source = "../data"

  permissions_boundary = module.github_oidc.permissions_boundary_arn
  name_prefix          = local.name
  account_id           = var.account_id
  partition            = var.partition
  region               = var.region
  vpc_id               = module.network.vpc_id
  isolated_subnet_ids  = module.network.isolated_subnet_ids
  client_cidrs         = module.network.private_subnet_cidrs
  kms_key_arns         = module.kms.key_arns
  log_retention_days   = var.log_retention_days
  postgres             = var.postgres
  redis                = var.redis
  buckets              = local.buckets
  queues               = toset(var.catalog.queues)
  tags                 = var.tags
}

module "workload_identity" {
  source = "../workload-identity"

  permissions_boundary = module.github_oidc.permissions_boundary_arn
  name_prefix          = local.name
  environment          = var.environment
  account_id           = var.account_id
  partition            = var.partition
  region               = var.region
  oidc_provider_arn    = module.eks.oidc_provider_arn
  oidc_issuer_host     = module.eks.oidc_issuer_host
  rds_resource_id      = module.data.rds_resource_id

  services = {
    for name, s in local.services : name => {
      namespace       = s.namespace
      service_account = s.serviceAccount
      rds_iam_user    = s.aws.rdsIamUser
      redis           = s.redis
      s3              = [for b in s.aws.s3 : { bucket_arn = module.data.bucket_arns[b.bucket], kms_key_arn = module.kms.key_arns["s3"], access = b.access }]
      sqs             = [for q in s.aws.sqs : { queue_arn = module.data.queue_arns[q.queue], kms_key_arn = module.kms.key_arns["sqs"], access = q.access }]
      sns             = [for t in s.aws.sns : { topic_arn = module.topics.topic_arns[t.topic], kms_key_arn = module.kms.key_arns["sns"], access = t.access }]
    }
  }

  addons                           = local.addons
  ecr_repository_arns              = values(module.ecr.repository_arns)
  keda_scaled_services             = [for s in var.catalog.services : s.name if s.kedaScaled]
  secret_names                     = [for s in var.catalog.secrets : s.name]
  redis_replication_group_arn      = module.data.redis_replication_group_arn
  redis_user_arn                   = module.data.redis_user_arn
  secrets_kms_key_arn              = module.kms.key_arns["secrets"]
  loki_bucket_arn                  = module.data.bucket_arns["loki"]
  loki_kms_key_arn                 = module.kms.key_arns["s3"]
  route53_zone_id                  = var.route53_zone_id
  vpc_id                           = module.network.vpc_id
  cluster_name                     = var.cluster_name
  cluster_arn                      = "arn:${var.partition}:eks:${var.region}:${var.account_id}:cluster/${var.cluster_name}"
  karpenter_node_role_arn          = module.eks.karpenter_node_role_arn
  karpenter_interruption_queue_arn = module.eks.karpenter_interruption_queue_arn
  tags                             = var.tags
}

# SNS topics of the catalog (apps/flows/*.yaml notify.topic), each publishable only by the services
# whose aws.sns lists it.
module "topics" {
  source = "../topics"

  name_prefix = local.name
  account_id  = var.account_id
  partition   = var.partition
  region      = var.region
  kms_key_arn = module.kms.key_arns["sns"]
  topics = {
    for t in distinct(flatten([for s in var.catalog.services : [for p in s.aws.sns : p.topic]])) : t => {
      publisher_role_arns = [for s in var.catalog.services : "arn:${var.partition}:iam::${var.account_id}:role/${local.name}-${s.name}" if contains([for p in s.aws.sns : p.topic], t)]
    }
  }
  tags = var.tags
}

# Values Terraform knows, by secret key (apps/platform-secrets.ts terraformWrittenSecrets lists the
# same properties; the contract and the plan test hold both sides to it).
locals {
  written_secrets = {
    rds   = { host = module.data.rds_endpoint, port = tostring(module.data.rds_port), dbname = module.data.rds_database }
    redis = { url = "rediss://${module.data.redis_app_user}@${module.data.redis_endpoint}:6379" }
    sqs   = { for q in var.catalog.queues : "${q}-queue-url" => module.data.queue_urls[q] }
    sns   = { for t, arn in module.topics.topic_arns : "${t}-topic-arn" => arn }
  }
  # IRSA role ARNs are conventions (AwsNames in apps/aws-names.ts): known at plan time, so the
  # secret policies are inspectable before apply.
  role_arn = "arn:${var.partition}:iam::${var.account_id}:role/${local.name}"
}

module "secrets" {
  source = "../secrets"

  secrets = [for s in var.catalog.secrets : merge(s, {
    readers = concat(["${local.role_arn}-addon-external-secrets"], [for r in s.readers : "${local.role_arn}-${r}"])
  })]
  values      = { for s in var.catalog.secrets : s.name => local.written_secrets[s.key] if s.source == "terraform" }
  kms_key_arn = module.kms.key_arns["secrets"]
  replica     = var.dr_region == null ? null : { region = var.dr_region, kms_key_arn = module.dr[0].secrets_kms_key_arn }
  tags        = var.tags
}

module "github_oidc" {
  source = "../github-oidc"

  name_prefix         = local.name
  environment         = var.environment
  account_id          = var.account_id
  partition           = var.partition
  github_org          = var.github_org
  github_repo         = var.github_repo
  ecr_repository_arns = values(module.ecr.repository_arns)
  cluster_arn         = "arn:${var.partition}:eks:${var.region}:${var.account_id}:cluster/${var.cluster_name}"
  state_bucket_name   = var.state_bucket_name
  tags                = var.tags
}

# Who can reach the cluster after apply: a break-glass admin role and the CI deploy role.
module "cluster_access" {
  source = "../cluster-access"

  permissions_boundary = module.github_oidc.permissions_boundary_arn
  name_prefix          = local.name
  account_id           = var.account_id
  partition            = var.partition
  region               = var.region
  cluster_name         = module.eks.cluster_name
  deploy_role_arn      = module.github_oidc.deploy_role_arn
  tags                 = var.tags
}

# The public ALB's certificate and web ACL, when a service is public. Their ARNs leave through the
# root outputs edge_certificate_arn / edge_waf_acl_arn into apps/environments/<env>.terraform.json.
module "edge" {
  source = "../edge"
  count  = length(var.catalog.edge.hosts) > 0 ? 1 : 0

  name_prefix           = local.name
  hosts                 = var.catalog.edge.hosts
  route53_zone_id       = var.route53_zone_id
  geo_blocked_countries = var.geo_blocked_countries
  log_kms_key_arn       = module.kms.key_arns["logs"]
  tags                  = var.tags
}

# Audit and governance of the environment's account: CloudTrail, Config, GuardDuty, Security Hub.
module "audit" {
  source = "../audit"

  name_prefix            = local.name
  account_id             = var.account_id
  region                 = var.region
  partition              = var.partition
  access_log_bucket_name = module.data.access_log_bucket_name
  tags                   = var.tags
}

# One call per tenant of the catalog (apps/tenants/*.yaml via catalog.json `tenants`): its key,
# queue with DLQ and the roles that act for it (pool: the shared services assume its access role).
module "tenant" {
  source   = "../tenant"
  for_each = { for t in var.catalog.tenants : t.name => t }

  name_prefix          = local.name
  tenant               = each.key
  mode                 = each.value.mode
  account_id           = var.account_id
  partition            = var.partition
  region               = var.region
  permissions_boundary = module.github_oidc.permissions_boundary_arn
  oidc_provider_arn    = module.eks.oidc_provider_arn
  oidc_issuer_host     = module.eks.oidc_issuer_host
  namespace            = each.value.namespace
  workloads            = [for w in each.value.workloads : { service = w.service, keda_scaled = w.kedaScaled }]
  assumed_by           = [for s in each.value.assumedBy : "${local.role_arn}-${s}"]
  db_user              = each.value.dbUser
  buckets              = { for b in each.value.buckets : b => module.data.bucket_arns[b] }
  send_queues          = [for q in each.value.sendQueues : { queue_arn = module.data.queue_arns[q], kms_key_alias = module.kms.alias_names["sqs"] }]
  tags                 = var.tags
}

# CloudWatch alarms on RDS, ElastiCache, the NAT gateways and every DLQ → SNS (CMK) → AWS Chatbot.
module "alarms" {
  source = "../alarms"
  providers = {
    aws         = aws
    aws.chatbot = aws.chatbot
  }

  permissions_boundary   = module.github_oidc.permissions_boundary_arn
  name_prefix            = local.name
  account_id             = var.account_id
  partition              = var.partition
  region                 = var.region
  kms_key_arn            = module.kms.key_arns["alarms"]
  thresholds             = { for k, v in local.alarms : k => v if k != "slack" }
  db_instance_identifier = module.data.db_instance_identifier
  redis_node_ids         = module.data.redis_node_ids
  nat_gateway_ids        = module.network.nat_gateway_ids
  dlq_names              = sort(concat(module.data.dlq_names, [for t in module.tenant : t.dlq_name]))
  replications           = var.dr_region == null ? {} : module.dr[0].replications
  slack                  = local.alarms.slack == null ? null : { team_id = local.alarms.slack.teamId, channel_id = local.alarms.slack.channelId }
  tags                   = var.tags
}

# Disaster recovery in var.dr_region: replicas of every data bucket, RDS automated backups and
# (through module.secrets) every secret. RTO/RPO: terraform/README.md "Disaster recovery".
module "dr" {
  source = "../dr"
  count  = var.dr_region == null ? 0 : 1
  providers = {
    aws    = aws
    aws.dr = aws.dr
  }

  permissions_boundary      = module.github_oidc.permissions_boundary_arn
  name_prefix               = local.name
  account_id                = var.account_id
  partition                 = var.partition
  region                    = var.region
  dr_region                 = var.dr_region
  buckets                   = { for k, b in module.data.versioned_buckets : k => merge(b, { kms_key_arn = module.kms.key_arns["s3"] }) }
  rds_instance_arn          = module.data.rds_instance_arn
  rds_backup_retention_days = module.data.rds_backup_retention_period
  tags                      = var.tags
}

# The React SPA: CloudFront (OAC, SPA error responses, security headers, TLS 1.2+, CLOUDFRONT web
# ACL) in front of a private bucket. The roots run in us-east-1, where CloudFront's certificate and
# web ACL must live (the module refuses any other provider region).
module "spa" {
  source = "../spa"
  count  = var.spa_host == null ? 0 : 1

  name_prefix           = local.name
  account_id            = var.account_id
  region                = var.region
  host                  = var.spa_host
  api_origin            = "https://${length(var.catalog.edge.hosts) > 0 ? var.catalog.edge.hosts[0] : var.spa_host}"
  route53_zone_id       = var.route53_zone_id
  kms_key_arn           = module.kms.key_arns["spa"]
  access_log_bucket     = module.data.access_log_bucket_name
  log_kms_key_arn       = module.kms.key_arns["logs"]
  log_retention_days    = var.log_retention_days
  geo_blocked_countries = var.geo_blocked_countries
  tags                  = var.tags
}
