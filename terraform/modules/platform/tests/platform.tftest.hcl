mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  # modules/spa holds its provider to us-east-1 (CloudFront certificates and web ACLs).
  mock_data "aws_region" {
    defaults = {
      name = "us-east-1"
    }
  }

  mock_resource "aws_kms_key" {
    defaults = {
      arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    }
  }
}

mock_provider "aws" {
  alias = "chatbot"

  mock_data "aws_region" {
    defaults = {
      name = "us-east-2"
    }
  }
}

mock_provider "aws" {
  alias = "dr"

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_resource "aws_kms_key" {
    defaults = {
      arn = "arn:aws:kms:us-west-2:123456789012:key/00000000-0000-0000-0000-0000000000d0"
    }
  }
}

variables {
  dr_region          = "us-west-2"
  environment        = "prod"
  account_id         = "123456789012"
  region             = "us-east-1"
  cluster_name       = "fintrack-prod"
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
  state_bucket_name  = "fintrack-prod-tfstate-123456789012"
}

# What the platform composes from a catalog (every contract name, for every environment) is
# asserted on the real offline plans (test/terraform/plan.test.ts); these runs prove its validations.
# Two validations of different variables in one run (each must fail; a missing failure fails the
# run): the platform is planned once for both.
run "rejects_catalog_of_another_account_and_vpc_not_slash_16" {
  command = plan

  variables {
    account_id = "111122223333"
    vpc_cidr   = "10.0.0.0/20"
  }

  expect_failures = [var.catalog, var.vpc_cidr]
}

run "rejects_service_using_undeclared_bucket" {
  command = plan

  variables {
    catalog = merge(jsondecode(file("../../environments/prod/catalog.json")), { buckets = ["models"] })
  }

  expect_failures = [var.catalog]
}
