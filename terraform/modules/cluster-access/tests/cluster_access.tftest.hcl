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
  account_id           = "123456789012"
  region               = "us-east-1"
  cluster_name         = "fintrack-test"
  deploy_role_arn      = "arn:aws:iam::123456789012:role/fintrack-test-github-deploy"
}

run "break_glass_admin_and_least_privilege_deploy" {
  command = plan

  assert {
    condition     = aws_iam_role.break_glass.name == "fintrack-test-break-glass" && one(one(data.aws_iam_policy_document.break_glass_trust.statement).condition).variable == "aws:MultiFactorAuthPresent"
    error_message = "The break-glass role is fintrack-<env>-break-glass and needs MFA."
  }

  assert {
    condition     = aws_eks_access_policy_association.break_glass.policy_arn == "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy" && one(aws_eks_access_policy_association.break_glass.access_scope).type == "cluster"
    error_message = "Break-glass is cluster admin, cluster-scoped."
  }

  assert {
    condition     = aws_eks_access_entry.deploy.principal_arn == var.deploy_role_arn && aws_eks_access_entry.deploy.kubernetes_groups == toset(["fintrack:bootstrap-deployers"])
    error_message = "The deploy role maps only to the bootstrap-deployers group (no access policy)."
  }
}

run "rejects_system_group" {
  command = plan

  variables {
    deploy_kubernetes_group = "system:masters"
  }

  expect_failures = [var.deploy_kubernetes_group]
}
