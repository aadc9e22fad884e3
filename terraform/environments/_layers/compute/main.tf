# Compute layer (after networking and security): the EKS cluster with its system node group and
# Karpenter's node role and interruption queue, the ECR repositories, and who may reach the cluster.
module "eks" {
  source = "../../../modules/eks"

  permissions_boundary   = local.security.permissions_boundary_arn
  cluster_name           = module.settings.cluster_name
  account_id             = module.settings.account_id
  partition              = module.settings.partition
  region                 = module.settings.region
  vpc_id                 = local.networking.vpc_id
  subnet_ids             = local.networking.private_subnet_ids
  endpoint_public_access = module.settings.endpoint_public_access
  public_access_cidrs    = module.settings.public_access_cidrs
  secrets_kms_key_arn    = local.security.kms_key_arns["eks"]
  logs_kms_key_arn       = local.security.kms_key_arns["logs"]
  sqs_kms_key_arn        = local.security.kms_key_arns["sqs"]
  log_retention_days     = module.settings.log_retention_days
  access_entries         = module.settings.access_entries
  system_node_group      = module.settings.system_node_group
  tags                   = module.settings.tags
}

module "ecr" {
  source = "../../../modules/ecr"

  repositories = toset([for s in module.settings.catalog.services : s.ecrRepository])
  kms_key_arn  = local.security.kms_key_arns["ecr"]
  tags         = module.settings.tags
}

# Who can reach the cluster after apply: a break-glass admin role and the CI deploy role.
module "cluster_access" {
  source = "../../../modules/cluster-access"

  permissions_boundary = local.security.permissions_boundary_arn
  name_prefix          = module.settings.name
  account_id           = module.settings.account_id
  partition            = module.settings.partition
  region               = module.settings.region
  cluster_name         = module.eks.cluster_name
  deploy_role_arn      = local.security.deploy_role_arn
  tags                 = module.settings.tags
}
