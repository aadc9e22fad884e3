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
    argocd-image-updater         = { namespace = "argocd", service_account = "argocd-image-updater" }
    keda                         = { namespace = "keda", service_account = "keda-operator" }
  }
  ecr_repository_arns              = ["arn:aws:ecr:us-east-1:123456789012:repository/api-gateway", "arn:aws:ecr:us-east-1:123456789012:repository/reconciliation-service"]
  secrets_kms_key_arn              = "arn:aws:kms:us-east-1:123456789012:key/secrets"
  loki_bucket_arn                  = "arn:aws:s3:::fintrack-test-loki-123456789012"
  loki_kms_key_arn                 = "arn:aws:kms:us-east-1:123456789012:key/s3"
  route53_zone_id                  = "Z0EXAMPLE00000000000"
  vpc_id                           = "vpc-0123456789abcdef0"
  cluster_name                     = "fintrack-test"
  cluster_arn                      = "arn:aws:eks:us-east-1:123456789012:cluster/fintrack-test"
  karpenter_node_role_arn          = "arn:aws:iam::123456789012:role/fintrack-test-karpenter-node"
  karpenter_interruption_queue_arn = "arn:aws:sqs:us-east-1:123456789012:fintrack-test-karpenter-interruption"
}

run "one_role_per_service_account_with_exact_trust" {
  command = plan

  assert {
    condition     = aws_iam_role.this["service/reconciliation-service"].name == "fintrack-test-reconciliation-service" && aws_iam_role.this["addon/karpenter"].name == "fintrack-test-addon-karpenter"
    error_message = "Role names must be <prefix>-<service> and <prefix>-addon-<addon>."
  }

  assert {
    condition = alltrue([for k, d in data.aws_iam_policy_document.trust : (
      one(flatten([for s in d.statement : [for c in s.condition : c.values if c.variable == "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub"]])) == "system:serviceaccount:${local.identities[k].namespace}:${local.identities[k].service_account}" &&
      one(flatten([for s in d.statement : [for c in s.condition : c.values if c.variable == "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud"]])) == "sts.amazonaws.com" &&
      alltrue(flatten([for s in d.statement : [for c in s.condition : c.test == "StringEquals"]]))
    )])
    error_message = "Every trust policy must pin exactly one system:serviceaccount:<ns>:<sa> and aud sts.amazonaws.com with StringEquals."
  }

  assert {
    condition     = !contains(keys(aws_iam_role_policy.this), "service/api-gateway")
    error_message = "A service without AWS needs gets no permissions at all."
  }

  assert {
    condition     = alltrue(flatten([for d in data.aws_iam_policy_document.permissions : [for s in d.statement : [for a in s.actions : a != "*" && !endswith(a, ":*")]]]))
    error_message = "No wildcard actions in any role policy."
  }

  assert {
    condition     = contains(flatten([for s in data.aws_iam_policy_document.permissions["service/reconciliation-service"].statement : s.resources]), "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-EXAMPLE/reconciliation_service")
    error_message = "rds-db:connect must target dbuser:<resource id>/<user>."
  }

  assert {
    condition     = toset(flatten([for s in data.aws_iam_policy_document.permissions["service/reconciliation-service"].statement : s.resources if startswith(s.sid, "S3")])) == toset(["arn:aws:s3:::fintrack-test-reports-123456789012", "arn:aws:s3:::fintrack-test-reports-123456789012/*"])
    error_message = "S3 access must be limited to exactly the declared bucket and its objects."
  }

  assert {
    condition     = toset(flatten([for s in data.aws_iam_policy_document.permissions["addon/external-secrets"].statement : s.resources if s.sid == "ReadEnvironmentSecrets"])) == toset(["arn:aws:secretsmanager:us-east-1:123456789012:secret:fintrack/prod/*"])
    error_message = "external-secrets may read only fintrack/<env>/* secrets."
  }

  assert {
    condition = (
      toset(flatten([for s in data.aws_iam_policy_document.permissions["addon/argocd-image-updater"].statement : s.resources if s.sid == "ReadRepositories"])) == toset(var.ecr_repository_arns) &&
      toset(flatten([for s in data.aws_iam_policy_document.permissions["addon/argocd-image-updater"].statement : s.actions])) == toset(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer", "ecr:ListImages"]) &&
      toset(one([for s in data.aws_iam_policy_document.permissions["addon/argocd-image-updater"].statement : s.resources if s.sid == "EcrToken"])) == toset(["*"])
    )
    error_message = "argocd-image-updater may only read this environment's ECR repositories (plus the account-wide ECR token call)."
  }
}

# Validations of four different variables in one run (each listed variable must fail on its own
# rule; a missing failure fails the run), so the module is planned once instead of four times.
# keda_scaled_services keeps its own run: its rule reads var.services, which fails here.
run "rejects_non_ecr_arn_unknown_s3_access_unknown_addon_and_bad_zone" {
  command = plan

  variables {
    ecr_repository_arns = ["arn:aws:s3:::not-a-repository"]
    services = {
      x = { namespace = "x", service_account = "x", s3 = [{ bucket_arn = "arn:aws:s3:::b", kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k", access = "admin" }] }
    }
    addons          = { grafana = { namespace = "monitoring", service_account = "grafana" } }
    route53_zone_id = "example.com"
  }

  expect_failures = [var.ecr_repository_arns, var.services, var.addons, var.route53_zone_id]
}

run "rejects_wildcard_service_account" {
  command = plan

  variables {
    services = { x = { namespace = "payments", service_account = "*" } }
  }

  expect_failures = [var.services]
}

run "redis_users_connect_and_external_secrets_reads_listed_secrets" {
  command = plan

  variables {
    services = {
      api-gateway = { namespace = "edge", service_account = "api-gateway", redis = true }
      worker      = { namespace = "jobs", service_account = "worker" }
    }
    redis_replication_group_arn = "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:fintrack-test-redis"
    redis_user_arn              = "arn:aws:elasticache:us-east-1:123456789012:user:fintrack-test-app"
    secret_names                = ["fintrack/prod/rds", "fintrack/prod/alertmanager"]
  }

  assert {
    condition = one([for s in local.service_statements["api-gateway"] : s.resources if s.sid == "RedisIamConnect" && s.actions == ["elasticache:Connect"]]) == [
      "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:fintrack-test-redis",
      "arn:aws:elasticache:us-east-1:123456789012:user:fintrack-test-app",
    ]
    error_message = "A service using Redis must get elasticache:Connect on the replication group and its IAM user."
  }

  assert {
    condition     = length(local.service_statements["worker"]) == 0
    error_message = "A service declaring nothing gets no permissions."
  }

  assert {
    condition = jsonencode(local.readable_secrets) == jsonencode([
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:fintrack/prod/rds-??????",
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:fintrack/prod/alertmanager-??????",
    ])
    error_message = "external-secrets may read exactly the listed secrets (name plus the 6-character ARN suffix)."
  }
}

run "rejects_redis_service_without_redis_arns" {
  command = plan

  variables {
    services = { api-gateway = { namespace = "edge", service_account = "api-gateway", redis = true } }
  }

  expect_failures = [var.redis_user_arn]
}

# KEDA (keda.tf): the operator assumes the roles of the services it scales.
run "keda_operator_may_assume_only_the_scaled_service_roles" {
  command = plan

  variables {
    keda_scaled_services = ["reconciliation-service"]
  }

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
