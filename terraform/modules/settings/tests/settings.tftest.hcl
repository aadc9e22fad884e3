# modules/settings has no resources and no provider: these plans only evaluate the validations
# every layer root of an environment runs before it plans anything.
variables {
  dr_region          = "us-west-2"
  environment        = "prod"
  account_id         = "123456789012"
  region             = "us-east-1"
  vpc_cidr           = "10.0.0.0/16"
  azs                = ["us-east-1a", "us-east-1b", "us-east-1c"]
  catalog            = jsondecode(file("../../environments/prod/catalog.json"))
  single_nat_gateway = false
  system_node_group  = { instance_types = ["m6i.large"], min_size = 2, max_size = 3, desired_size = 2 }
  postgres           = { instance_class = "db.r6g.large", allocated_storage = 100, max_allocated_storage = 500, multi_az = true, backup_retention_period = 35 }
  redis              = { node_type = "cache.r6g.large", num_node_groups = 3, replicas_per_node_group = 2, automatic_failover = true }
  route53_zone_id    = "Z0EXAMPLE00000000000"
  github_org         = "fintrack"
  github_repo        = "platform"
}

run "derives_subnets_and_role_prefix" {
  command = plan

  assert {
    condition     = output.subnets.private == ["10.0.11.0/24", "10.0.12.0/24", "10.0.13.0/24"] && output.subnets.isolated[2] == "10.0.23.0/24"
    error_message = "Subnets must be x.x.11-13.0/24 private and x.x.21-23.0/24 isolated."
  }

  assert {
    condition     = output.role_arn_prefix == "arn:aws:iam::123456789012:role/fintrack-prod" && output.cluster_arn == "arn:aws:eks:us-east-1:123456789012:cluster/fintrack-prod"
    error_message = "Role and cluster ARNs must follow apps/aws-names.ts."
  }

  assert {
    condition     = alltrue([for k in ["rds", "elasticache", "s3", "sqs", "sns", "secrets"] : output.kms_keys[k].rotation_period_in_days == 90])
    error_message = "Keys of data at rest must rotate every 90 days (seed 004)."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule (a
# missing failure fails the run).
run "rejects_catalog_of_another_account_vpc_not_slash_16_bad_zone_and_open_api" {
  command = plan

  variables {
    account_id             = "111122223333"
    vpc_cidr               = "10.0.0.0/20"
    route53_zone_id        = "fintrack.example.com"
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
  }

  expect_failures = [var.catalog, var.vpc_cidr, var.route53_zone_id, var.public_access_cidrs]
}

run "rejects_service_using_undeclared_bucket" {
  command = plan

  variables {
    catalog = merge(jsondecode(file("../../environments/prod/catalog.json")), { buckets = ["models"] })
  }

  expect_failures = [var.catalog]
}
