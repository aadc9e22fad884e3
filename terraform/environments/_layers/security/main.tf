# Security layer (after networking; reads no other layer): the environment's customer managed keys
# and the GitHub OIDC roles with the permissions boundary every later role carries.
module "kms" {
  source = "../../../modules/kms"

  name_prefix = module.settings.name
  account_id  = module.settings.account_id
  partition   = module.settings.partition
  region      = module.settings.region
  keys        = module.settings.kms_keys
  tags        = module.settings.tags
}

module "github_oidc" {
  source = "../../../modules/github-oidc"

  name_prefix = module.settings.name
  environment = module.settings.environment
  account_id  = module.settings.account_id
  partition   = module.settings.partition
  github_org  = module.settings.github_org
  github_repo = module.settings.github_repo
  # The compute layer creates these repositories; their ARNs are AWS's format of the catalog's names.
  ecr_repository_arns = sort(distinct([for s in module.settings.catalog.services : "arn:${module.settings.partition}:ecr:${module.settings.region}:${module.settings.account_id}:repository/${s.ecrRepository}"]))
  cluster_arn         = module.settings.cluster_arn
  state_bucket_name   = module.settings.state_bucket_name
  tags                = module.settings.tags
}
