mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name_prefix          = "fintrack-test"
  tenant               = "northwind"
  mode                 = "silo"
  account_id           = "123456789012"
  region               = "us-east-1"
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary/fintrack-test"
  oidc_provider_arn    = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE"
  oidc_issuer_host     = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE"
  namespace            = "tenant-northwind"
  workloads            = [{ service = "reporting-service", keda_scaled = true }]
  db_user              = "tenant_northwind"
  buckets              = { reports = "arn:aws:s3:::fintrack-test-reports-123456789012" }
}

run "silo_tenant_gets_its_key_queue_and_one_role_per_workload" {
  command = plan

  assert {
    condition     = module.key.alias_names["northwind"] == "alias/fintrack-test-tenant-northwind"
    error_message = "The tenant key's alias must be alias/<prefix>-tenant-<tenant> (apps/aws-names.ts tenantKeyAlias)."
  }

  assert {
    condition     = aws_sqs_queue.this.name == "fintrack-test-tenant-northwind" && aws_sqs_queue.dlq.name == "fintrack-test-tenant-northwind-dlq"
    error_message = "The tenant queue and its DLQ must be <prefix>-tenant-<tenant>(-dlq)."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.this.redrive_policy).deadLetterTargetArn == "arn:aws:sqs:us-east-1:123456789012:fintrack-test-tenant-northwind-dlq"
    error_message = "The tenant queue must redrive to its own DLQ."
  }

  assert {
    condition     = keys(aws_iam_role.this) == ["reporting-service"] && aws_iam_role.this["reporting-service"].name == "fintrack-test-tenant-northwind-reporting-service"
    error_message = "A silo tenant gets one role per workload, <prefix>-tenant-<tenant>-<service>."
  }

  assert {
    condition     = aws_iam_role.this["reporting-service"].permissions_boundary == var.permissions_boundary
    error_message = "Tenant roles carry the environment's permissions boundary."
  }

  assert {
    condition = alltrue([
      for s in data.aws_iam_policy_document.permissions.statement : alltrue([for r in s.resources : !endswith(r, ":*") || strcontains(r, ":key/")])
    ])
    error_message = "Tenant statements name the tenant's own resources (the key by alias condition)."
  }
}

run "pool_tenant_gets_one_access_role" {
  command = plan

  variables {
    mode       = "pool"
    namespace  = null
    workloads  = []
    assumed_by = ["arn:aws:iam::123456789012:role/fintrack-test-reporting-service"]
  }

  assert {
    condition     = keys(aws_iam_role.this) == ["access"] && aws_iam_role.this["access"].name == "fintrack-test-tenant-northwind"
    error_message = "A pool tenant gets one access role, <prefix>-tenant-<tenant>."
  }

  assert {
    condition     = aws_iam_role_policy.assume_tenant["arn:aws:iam::123456789012:role/fintrack-test-reporting-service"].role == "fintrack-test-reporting-service" && jsondecode(aws_iam_role_policy.assume_tenant["arn:aws:iam::123456789012:role/fintrack-test-reporting-service"].policy).Statement[0].Resource == "arn:aws:iam::123456789012:role/fintrack-test-tenant-northwind"
    error_message = "Each assuming shared role may assume exactly the tenant's access role."
  }
}

run "rejects_pool_without_assumers" {
  command = plan

  variables {
    mode      = "pool"
    namespace = null
    workloads = []
  }

  expect_failures = [var.assumed_by]
}

# Validations of two different variables in one run (each must fail; a missing failure fails the run).
run "rejects_long_tenant_name_and_silo_without_workloads" {
  command = plan

  variables {
    tenant    = "a-tenant-name-far-too-long"
    workloads = []
  }

  expect_failures = [var.tenant, var.workloads]
}
