# Data layer (after networking and security): PostgreSQL, Redis, the S3 buckets, the SQS queues, the
# flows' SNS topics, the Secrets Manager secrets and the DR replicas of all of them.
module "data" {
  source = "../../../modules/data"

  permissions_boundary = local.security.permissions_boundary_arn
  name_prefix          = module.settings.name
  account_id           = module.settings.account_id
  partition            = module.settings.partition
  region               = module.settings.region
  vpc_id               = local.networking.vpc_id
  isolated_subnet_ids  = local.networking.isolated_subnet_ids
  client_cidrs         = local.networking.private_subnet_cidrs
  kms_key_arns         = local.security.kms_key_arns
  log_retention_days   = module.settings.log_retention_days
  postgres             = module.settings.postgres
  redis                = module.settings.redis
  buckets              = module.settings.buckets
  queues               = toset(module.settings.catalog.queues)
  tags                 = module.settings.tags
}

# SNS topics of the catalog (apps/flows/*.yaml notify.topic), each publishable only by the services
# whose aws.sns lists it.
module "topics" {
  source = "../../../modules/topics"

  name_prefix = module.settings.name
  account_id  = module.settings.account_id
  partition   = module.settings.partition
  region      = module.settings.region
  kms_key_arn = local.security.kms_key_arns["sns"]
  topics = {
    for t in distinct(flatten([for s in module.settings.catalog.services : [for p in s.aws.sns : p.topic]])) : t => {
      publisher_role_arns = [for s in module.settings.catalog.services : "${module.settings.role_arn_prefix}-${s.name}" if contains([for p in s.aws.sns : p.topic], t)]
    }
  }
  tags = module.settings.tags
}

# Values Terraform knows, by secret key (apps/platform-secrets.ts terraformWrittenSecrets lists the
# same properties; the contract and the plan test hold both sides to it). IRSA role ARNs are
# conventions (AwsNames in apps/aws-names.ts): known at plan time, so the secret policies are
# inspectable before apply, and the roles themselves come later (platform layer).
locals {
  written_secrets = {
    rds   = { host = module.data.rds_endpoint, port = tostring(module.data.rds_port), dbname = module.data.rds_database }
    redis = { url = "rediss://${module.data.redis_app_user}@${module.data.redis_endpoint}:6379" }
    sqs   = { for q in module.settings.catalog.queues : "${q}-queue-url" => module.data.queue_urls[q] }
    sns   = { for t, arn in module.topics.topic_arns : "${t}-topic-arn" => arn }
  }
}

module "secrets" {
  source = "../../../modules/secrets"

  secrets = [for s in module.settings.catalog.secrets : merge(s, {
    readers = concat(["${module.settings.role_arn_prefix}-addon-external-secrets"], [for r in s.readers : "${module.settings.role_arn_prefix}-${r}"])
  })]
  values      = { for s in module.settings.catalog.secrets : s.name => local.written_secrets[s.key] if s.source == "terraform" }
  kms_key_arn = local.security.kms_key_arns["secrets"]
  replica     = module.settings.dr_region == null ? null : { region = module.settings.dr_region, kms_key_arn = module.dr[0].secrets_kms_key_arn }
  tags        = module.settings.tags
}

# Disaster recovery in dr_region: replicas of every data bucket, RDS automated backups and (through
# module.secrets) every secret. RTO/RPO: terraform/README.md "Disaster recovery".
module "dr" {
  source = "../../../modules/dr"
  count  = module.settings.dr_region == null ? 0 : 1
  providers = {
    aws    = aws
    aws.dr = aws.dr
  }

  permissions_boundary      = local.security.permissions_boundary_arn
  name_prefix               = module.settings.name
  account_id                = module.settings.account_id
  partition                 = module.settings.partition
  region                    = module.settings.region
  dr_region                 = module.settings.dr_region
  buckets                   = { for k, b in module.data.versioned_buckets : k => merge(b, { kms_key_arn = local.security.kms_key_arns["s3"] }) }
  rds_instance_arn          = module.data.rds_instance_arn
  rds_backup_retention_days = module.data.rds_backup_retention_period
  tags                      = module.settings.tags
}
