mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"
  name_prefix          = "fintrack-test"
  environment          = "prod"
  account_id           = "123456789012"
  region               = "us-east-1"
  oidc_provider_arn    = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE"
  oidc_issuer_host     = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE"
  rds_resource_id      = "db-EXAMPLE"
  services = {
    reconciliation-service = {
      namespace       = "reconciliation"
      service_account = "reconciliation-service"
      rds_iam_user    = "reconciliation_service"
      s3              = [{ bucket_arn = "arn:aws:s3:::fintrack-test-reports-123456789012", kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/s3", access = "read-write" }]
      sqs             = [{ queue_arn = "arn:aws:sqs:us-east-1:123456789012:fintrack-test-transactions", kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/sqs", access = "consume" }]
    }
    api-gateway = { namespace = "edge", service_account = "api-gateway" }
  }
  addons = {
    external-secrets             = { namespace = "external-secrets", service_account = "external-secrets" }
    karpenter                    = { namespace = "karpenter", service_account = "karpenter" }
    aws-load-balancer-controller = { namespace = "kube-system", service_account = "aws-load-balancer-controller" }
    cert-manager                 = { namespace = "cert-manager", service_account = "cert-manager" }
    external-dns                 = { namespace = "external-dns", service_account = "external-dns" }
    loki                         = { namespace = "logging", service_account = "loki" }
    keda                         = { namespace = "keda", service_account = "keda-operator" }
  }
  secrets_kms_key_arn              = "arn:aws:kms:us-east-1:123456789012:key/secrets"
  loki_bucket_arn                  = "arn:aws:s3:::fintrack-test-loki-123456789012"
  loki_kms_key_arn                 = "arn:aws:kms:us-east-1:123456789012:key/s3"
  route53_zone_id                  = "Z0EXAMPLE00000000000"
  vpc_id                           = "vpc-0123456789abcdef0"
  cluster_name                     = "fintrack-test"
  cluster_arn                      = "arn:aws:eks:us-east-1:123456789012:cluster/fintrack-test"
  karpenter_node_role_arn          = "arn:aws:iam::123456789012:role/fintrack-test-karpenter-node"
  karpenter_interruption_queue_arn = "arn:aws:sqs:us-east-1:123456789012:fintrack-test-karpenter-interruption"
  keda_scaled_services             = ["reconciliation-service"]
}

run "keda_operator_may_assume_only_the_scaled_service_roles" {
  command = plan

  assert {
    condition     = keys(data.aws_iam_policy_document.keda_trust) == ["reconciliation-service"]
    error_message = "Only KEDA-scaled services may trust the KEDA operator."
  }

  assert {
    condition = alltrue([for d in data.aws_iam_policy_document.keda_trust : (
      one(flatten([for s in d.statement : s.actions])) == "sts:AssumeRoleWithWebIdentity" &&
      one(flatten([for s in d.statement : [for c in s.condition : c.values if c.variable == "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub"]])) == "system:serviceaccount:keda:keda-operator" &&
      one(flatten([for s in d.statement : [for c in s.condition : c.values if c.variable == "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud"]])) == "sts.amazonaws.com"
    )])
    error_message = "The KEDA trust statement must pin system:serviceaccount:keda:keda-operator and aud sts.amazonaws.com."
  }

  assert {
    condition     = length(data.aws_iam_policy_document.trust["service/reconciliation-service"].source_policy_documents) == 1 && length(data.aws_iam_policy_document.trust["service/api-gateway"].source_policy_documents) == 0
    error_message = "The scaled service's trust must include the KEDA statement; other services' must not."
  }

  assert {
    condition     = aws_iam_role.this["addon/keda"].name == "fintrack-test-addon-keda" && !contains(keys(aws_iam_role_policy.this), "addon/keda")
    error_message = "KEDA's operator gets an IRSA role with no permissions of its own."
  }
}

run "keda_scaled_services_must_exist" {
  command = plan

  variables {
    keda_scaled_services = ["ghost-service"]
  }

  expect_failures = [var.keda_scaled_services]
}
