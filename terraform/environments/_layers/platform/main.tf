# Platform layer (after compute): the IRSA roles of the services and add-ons (Argo CD, External
# Secrets, cert-manager, Karpenter, KEDA, …), the tenants' keys, queues and roles, the public ALB's
# certificate and web ACL, and the React SPA behind CloudFront.
module "workload_identity" {
  source = "../../../modules/workload-identity"

  permissions_boundary = local.security.permissions_boundary_arn
  name_prefix          = module.settings.name
  environment          = module.settings.environment
  account_id           = module.settings.account_id
  partition            = module.settings.partition
  region               = module.settings.region
  oidc_provider_arn    = local.compute.oidc_provider_arn
  oidc_issuer_host     = local.compute.oidc_issuer_host
  rds_resource_id      = local.data.rds_resource_id

  services = {
    for name, s in module.settings.services : name => {
      namespace       = s.namespace
      service_account = s.serviceAccount
      rds_iam_user    = s.aws.rdsIamUser
      redis           = s.redis
      s3              = [for b in s.aws.s3 : { bucket_arn = local.data.bucket_arns[b.bucket], kms_key_arn = local.security.kms_key_arns["s3"], access = b.access }]
      sqs             = [for q in s.aws.sqs : { queue_arn = local.data.queue_arns[q.queue], kms_key_arn = local.security.kms_key_arns["sqs"], access = q.access }]
      sns             = [for t in s.aws.sns : { topic_arn = local.data.topic_arns[t.topic], kms_key_arn = local.security.kms_key_arns["sns"], access = t.access }]
    }
  }

  addons                           = module.settings.addons
  ecr_repository_arns              = local.compute.ecr_repository_arns
  keda_scaled_services             = [for s in module.settings.catalog.services : s.name if s.kedaScaled]
  secret_names                     = [for s in module.settings.catalog.secrets : s.name]
  redis_replication_group_arn      = local.data.redis_replication_group_arn
  redis_user_arn                   = local.data.redis_user_arn
  secrets_kms_key_arn              = local.security.kms_key_arns["secrets"]
  loki_bucket_arn                  = local.data.bucket_arns["loki"]
  loki_kms_key_arn                 = local.security.kms_key_arns["s3"]
  route53_zone_id                  = module.settings.route53_zone_id
  vpc_id                           = local.networking.vpc_id
  cluster_name                     = module.settings.cluster_name
  cluster_arn                      = module.settings.cluster_arn
  karpenter_node_role_arn          = local.compute.karpenter_node_role_arn
  karpenter_interruption_queue_arn = local.compute.karpenter_interruption_queue_arn
  tags                             = module.settings.tags
}

# One call per tenant of the catalog (apps/tenants/*.yaml via catalog.json `tenants`): its key,
# queue with DLQ and the roles that act for it (pool: the shared services assume its access role).
module "tenant" {
  source   = "../../../modules/tenant"
  for_each = { for t in module.settings.catalog.tenants : t.name => t }

  name_prefix          = module.settings.name
  tenant               = each.key
  mode                 = each.value.mode
  account_id           = module.settings.account_id
  partition            = module.settings.partition
  region               = module.settings.region
  permissions_boundary = local.security.permissions_boundary_arn
  oidc_provider_arn    = local.compute.oidc_provider_arn
  oidc_issuer_host     = local.compute.oidc_issuer_host
  namespace            = each.value.namespace
  workloads            = [for w in each.value.workloads : { service = w.service, keda_scaled = w.kedaScaled }]
  assumed_by           = [for s in each.value.assumedBy : "${module.settings.role_arn_prefix}-${s}"]
  db_user              = each.value.dbUser
  buckets              = { for b in each.value.buckets : b => local.data.bucket_arns[b] }
  send_queues          = [for q in each.value.sendQueues : { queue_arn = local.data.queue_arns[q], kms_key_alias = local.security.kms_alias_names["sqs"] }]
  tags                 = module.settings.tags
}

# The public ALB's certificate and web ACL, when a service is public. Their ARNs leave through the
# outputs edge_certificate_arn / edge_waf_acl_arn into apps/environments/<env>.terraform.json.
module "edge" {
  source = "../../../modules/edge"
  count  = length(module.settings.catalog.edge.hosts) > 0 ? 1 : 0

  name_prefix           = module.settings.name
  hosts                 = module.settings.catalog.edge.hosts
  route53_zone_id       = module.settings.route53_zone_id
  geo_blocked_countries = module.settings.geo_blocked_countries
  log_kms_key_arn       = local.security.kms_key_arns["logs"]
  tags                  = module.settings.tags
}

# The React SPA: CloudFront (OAC, SPA error responses, security headers, TLS 1.2+, CLOUDFRONT web
# ACL) in front of a private bucket. The roots run in us-east-1, where CloudFront's certificate and
# web ACL must live (the module refuses any other provider region).
module "spa" {
  source = "../../../modules/spa"
  count  = module.settings.spa_host == null ? 0 : 1

  name_prefix           = module.settings.name
  account_id            = module.settings.account_id
  region                = module.settings.region
  host                  = module.settings.spa_host
  api_origin            = "https://${length(module.settings.catalog.edge.hosts) > 0 ? module.settings.catalog.edge.hosts[0] : module.settings.spa_host}"
  route53_zone_id       = module.settings.route53_zone_id
  kms_key_arn           = local.security.kms_key_arns["spa"]
  access_log_bucket     = local.data.access_log_bucket_name
  log_kms_key_arn       = local.security.kms_key_arns["logs"]
  log_retention_days    = module.settings.log_retention_days
  geo_blocked_countries = module.settings.geo_blocked_countries
  tags                  = module.settings.tags
}
