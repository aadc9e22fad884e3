mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
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
}

variables {
  route53_zone_id = "Z0EXAMPLE00000000000"
}

run "environment_facts_match_the_charts" {
  command = plan

  assert {
    condition     = output.account_id == "123456789012" && output.region == "us-east-1" && output.cluster_name == "fintrack-prod"
    error_message = "Account, region and cluster name must match the environment facts used by the charts."
  }

  assert {
    condition     = output.ecr_registry == "123456789012.dkr.ecr.us-east-1.amazonaws.com"
    error_message = "ECR registry host must be <account>.dkr.ecr.us-east-1.amazonaws.com."
  }

  assert {
    condition     = alltrue([for b in concat(local.catalog.buckets, ["loki"]) : output.bucket_names[b] == "fintrack-prod-${b}-123456789012"])
    error_message = "Bucket names must be fintrack-<env>-<bucket>-<account>, for every catalog bucket and loki."
  }

  assert {
    condition     = output.karpenter_interruption_queue == "fintrack-prod-karpenter-interruption" && output.karpenter_node_role_name == "fintrack-prod-karpenter-node"
    error_message = "Karpenter names must follow the contract."
  }

  assert {
    condition     = local.catalog.accountId == "123456789012" && local.catalog.environment == "prod" && length(local.catalog.services) > 0
    error_message = "catalog.json must be this environment's catalog (written by npm run synth), with its services."
  }

  assert {
    condition     = sort(keys(output.secret_properties)) == sort([for s in local.catalog.secrets : s.name])
    error_message = "Terraform must create exactly the secrets catalog.json lists (the ones the ExternalSecrets read)."
  }
}

# Both variable validations in one run: each listed variable must fail on its own rule (a missing
# failure fails the run); the whole platform is planned once instead of twice.
run "rejects_bad_zone_id_and_world_open_api_endpoint" {
  command = plan

  variables {
    route53_zone_id        = "fintrack.example.com"
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
  }

  expect_failures = [var.route53_zone_id, var.public_access_cidrs]
}
