# dev: the values every layer root of this environment plans with (each of environments/dev/<layer>/
# links this file). module.settings types and validates them once for all six layers.
locals {
  environment = "dev"
  account_id  = "111122223333"
  region      = "us-east-1"
  # Disaster-recovery region (S3, Secrets Manager and RDS backup replicas; provider aws.dr); null: none.
  dr_region = null
}

module "settings" {
  source = "../../../modules/settings"

  environment = local.environment
  account_id  = local.account_id
  region      = local.region
  dr_region   = local.dr_region
  spa_host    = "app.dev.fintrack.io"
  vpc_cidr    = "10.10.0.0/16"
  azs         = ["us-east-1a", "us-east-1b", "us-east-1c"]
  # Written by `npm run synth` from apps/ (the TypeScript catalog); the single source of services.
  catalog = jsondecode(file("${path.module}/../catalog.json"))

  single_nat_gateway     = true
  endpoint_public_access = var.endpoint_public_access
  public_access_cidrs    = var.public_access_cidrs
  access_entries         = var.access_entries
  system_node_group      = { instance_types = ["t3.large"], min_size = 1, max_size = 2, desired_size = 1 }
  postgres               = { instance_class = "db.t4g.medium", allocated_storage = 20, max_allocated_storage = 50, multi_az = false, backup_retention_period = 7 }
  redis                  = { node_type = "cache.t4g.small", num_node_groups = 1, replicas_per_node_group = 1, automatic_failover = true }

  route53_zone_id = var.route53_zone_id
  github_org      = "fintrack"
  github_repo     = "platform"
}
