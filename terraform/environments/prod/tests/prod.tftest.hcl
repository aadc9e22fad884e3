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
}

variables {
  route53_zone_id = "Z0EXAMPLE00000000000"
}

# The facts (account, region, cluster, ECR registry, bucket, queue, role and secret names) are
# asserted on the real offline plans of all three roots (test/terraform/plan.test.ts: contract.json
# against the plan, the committed outputs file against the plan's outputs). What stays here is the
# root's own variable validation; variables.tf is one file shared by the three roots
# (environments/_shared), so one root proves it for all.

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
