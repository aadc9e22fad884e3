mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name_prefix         = "fintrack-test"
  environment         = "prod"
  account_id          = "123456789012"
  github_org          = "fintrack"
  github_repo         = "platform"
  ecr_repository_arns = ["arn:aws:ecr:us-east-1:123456789012:repository/api-gateway"]
  state_bucket_name   = "fintrack-test-tfstate-123456789012"
  cluster_arn         = "arn:aws:eks:us-east-1:123456789012:cluster/fintrack-test"
}

run "roles_are_pinned_to_repo_and_trigger" {
  command = plan

  assert {
    condition     = aws_iam_openid_connect_provider.github.url == "https://token.actions.githubusercontent.com" && toset(aws_iam_openid_connect_provider.github.client_id_list) == toset(["sts.amazonaws.com"])
    error_message = "GitHub OIDC provider with audience sts.amazonaws.com."
  }

  assert {
    condition = (
      one(flatten([for s in data.aws_iam_policy_document.trust["ci"].statement : [for c in s.condition : c.values if endswith(c.variable, ":sub")]])) == "repo:fintrack/platform:ref:refs/heads/main" &&
      toset(one([for s in data.aws_iam_policy_document.trust["plan"].statement : flatten([for c in s.condition : c.values if endswith(c.variable, ":sub")])])) == toset(["repo:fintrack/platform:pull_request", "repo:fintrack/platform:ref:refs/heads/main"]) &&
      one(flatten([for s in data.aws_iam_policy_document.trust["apply"].statement : [for c in s.condition : c.values if endswith(c.variable, ":sub")]])) == "repo:fintrack/platform:environment:prod"
    )
    error_message = "sub conditions must pin main (ci), pull_request and main (plan: PR plans, the saved plan on main, drift) and environment:<env> (apply)."
  }

  assert {
    condition     = alltrue(flatten([for d in data.aws_iam_policy_document.trust : [for s in d.statement : [for c in s.condition : c.test == "StringEquals"]]]))
    error_message = "Trust conditions must be exact (StringEquals), never StringLike wildcards."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.plan_read_only.policy_arn == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    error_message = "The plan role is read-only."
  }

  assert {
    condition     = alltrue(flatten([for d in [data.aws_iam_policy_document.ci, data.aws_iam_policy_document.apply_iam, data.aws_iam_policy_document.state["plan"], data.aws_iam_policy_document.state["apply"]] : [for s in d.statement : [for a in s.actions : a != "*" && !endswith(a, ":*")]]]))
    error_message = "No wildcard actions."
  }

  assert {
    condition = (
      one(flatten([for s in data.aws_iam_policy_document.trust["deploy"].statement : [for c in s.condition : c.values if endswith(c.variable, ":sub")]])) == "repo:fintrack/platform:environment:prod" &&
      one(data.aws_iam_policy_document.deploy.statement).actions == toset(["eks:DescribeCluster"]) &&
      one(data.aws_iam_policy_document.deploy.statement).resources == toset([var.cluster_arn])
    )
    error_message = "The deploy role is pinned to environment:<env> and may only describe its cluster (Kubernetes rights come from its access entry)."
  }
}

run "ci_roles_cannot_escalate" {
  command = plan

  assert {
    condition = (
      one([for s in data.aws_iam_policy_document.state["plan"].statement : s.actions if s.sid == "StateObjects"]) == toset(["s3:GetObject"]) &&
      one(data.aws_iam_policy_document.plan_deny_writes.statement).effect == "Deny" &&
      contains(one(data.aws_iam_policy_document.plan_deny_writes.statement).actions, "s3:PutObject")
    )
    error_message = "The plan role reads state objects only, and is denied writing or deleting them."
  }

  assert {
    condition = alltrue([
      for s in data.aws_iam_policy_document.apply_iam.statement : s.effect == "Deny" || alltrue([
        for a in s.actions : !contains(["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePermissionsBoundary"], a)
        ]) || anytrue([
        for c in s.condition : c.variable == "iam:PermissionsBoundary" && toset(c.values) == toset(["arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"])
      ])
    ])
    error_message = "The apply role may create roles and grant them policies only with the workload boundary (iam:PermissionsBoundary)."
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.apply_iam.statement : s.effect == "Deny" && contains(s.resources, "arn:aws:iam::123456789012:role/fintrack-test-github-apply") && contains(s.actions, "iam:PutRolePolicy")
    ])
    error_message = "The apply role matches its own role/<prefix>-* pattern, so an explicit deny must keep it from editing itself."
  }

  assert {
    condition     = aws_iam_policy.boundary.path == "/boundary/" && output.permissions_boundary_arn == "arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"
    error_message = "The boundary lives under /boundary/, outside the apply role's policy/<prefix>-* pattern."
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.boundary.statement : s.effect == "Deny" && contains(s.actions, "iam:PassRole") && s.not_resources == toset(["arn:aws:iam::123456789012:role/fintrack-test-*"])
    ])
    error_message = "A bounded role may pass only this environment's roles."
  }
}

# Validations of three different variables in one run (each must fail; a missing failure fails the run).
run "rejects_wildcard_org_wildcard_repo_and_unknown_environment" {
  command = plan

  variables {
    github_org  = "*"
    github_repo = "plat*"
    environment = "qa"
  }

  expect_failures = [var.github_org, var.github_repo, var.environment]
}

