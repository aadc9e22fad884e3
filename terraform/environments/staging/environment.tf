# staging: the values every layer root of this environment plans with (each of environments/staging/<layer>/
# links this file). module.settings types and validates them once for all six layers.
locals {
  environment = "staging"
  account_id  = "222233334444"
  region      = "us-east-1"
  # Disaster-recovery region (S3, Secrets Manager and RDS backup replicas; provider aws.dr); null: none.
  dr_region = "us-west-2"
}

module "settings" {
  source = "../../../modules/settings"

  environment = local.environment
  account_id  = local.account_id
  region      = local.region
  dr_region   = local.dr_region
  spa_host    = "app.staging.fintrack.io"
  vpc_cidr    = "10.20.0.0/16"
  azs         = ["us-east-1a", "us-east-1b", "us-east-1c"]
  # Written by `npm run synth` from apps/ (the TypeScript catalog); the single source of services.
  catalog = jsondecode(file("${path.module}/../catalog.json"))

  single_nat_gateway     = false
  endpoint_public_access = var.endpoint_public_access
  public_access_cidrs    = var.public_access_cidrs
  access_entries         = var.access_entries
  system_node_group      = { instance_types = ["m6i.large"], min_size = 2, max_size = 3, desired_size = 2 }
  postgres               = { instance_class = "db.r6g.large", allocated_storage = 50, max_allocated_storage = 200, multi_az = true, backup_retention_period = 14 }
  redis                  = { node_type = "cache.r6g.large", num_node_groups = 3, replicas_per_node_group = 1, automatic_failover = true }

  route53_zone_id = var.route53_zone_id
  github_org      = "fintrack"
  github_repo     = "platform"
}
