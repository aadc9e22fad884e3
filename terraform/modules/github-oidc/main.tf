locals {
  issuer   = "token.actions.githubusercontent.com"
  repo_sub = "repo:${var.github_org}/${var.github_repo}"
  iam      = "arn:${var.partition}:iam::${var.account_id}"
  roles = {
    ci    = { name = "${var.name_prefix}-github-ci", sub = "${local.repo_sub}:ref:refs/heads/main" }
    plan  = { name = "${var.name_prefix}-github-plan", sub = "${local.repo_sub}:pull_request" }
    apply = { name = "${var.name_prefix}-github-apply", sub = "${local.repo_sub}:environment:${var.environment}" }
    # kubectl apply -k dist/<env>/bootstrap from the environment-protected job: no AWS rights but
    # finding the cluster; its Kubernetes rights come from its access entry (modules/cluster-access).
    deploy = { name = "${var.name_prefix}-github-deploy", sub = "${local.repo_sub}:environment:${var.environment}" }
  }
  state_bucket_arn = "arn:${var.partition}:s3:::${var.state_bucket_name}"
}

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://${local.issuer}"
  client_id_list = ["sts.amazonaws.com"]

  tags = var.tags
}

data "aws_iam_policy_document" "trust" {
  for_each = local.roles

  statement {
    sid     = "GitHubActions"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = [each.value.sub]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.roles

  name                 = each.value.name
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
  max_session_duration = 3600

  tags = var.tags
}

data "aws_iam_policy_document" "ci" {
  statement {
    sid       = "EcrLogin"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid    = "EcrPush"
    effect = "Allow"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
    ]
    resources = var.ecr_repository_arns
  }
}

resource "aws_iam_role_policy" "ci" {
  name   = "ecr-push"
  role   = aws_iam_role.this["ci"].id
  policy = data.aws_iam_policy_document.ci.json
}

data "aws_iam_policy_document" "state" {
  statement {
    sid       = "StateBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.state_bucket_arn]
  }

  statement {
    sid       = "StateObjects"
    effect    = "Allow"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${local.state_bucket_arn}/*"]
  }
}

resource "aws_iam_role_policy" "state" {
  for_each = toset(["plan", "apply"])

  name   = "terraform-state"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.state.json
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.this["plan"].name
  policy_arn = "arn:${var.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "apply" {
  for_each = toset(var.apply_policy_arns)

  role       = aws_iam_role.this["apply"].name
  policy_arn = each.key
}

# PowerUserAccess has no IAM: grant IAM only on this environment's own names.
data "aws_iam_policy_document" "apply_iam" {
  statement {
    sid    = "ManageEnvironmentIam"
    effect = "Allow"
    actions = [
      "iam:AttachRolePolicy", "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:CreateRole", "iam:DeletePolicy",
      "iam:DeletePolicyVersion", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:GetPolicy",
      "iam:GetPolicyVersion", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole",
      "iam:ListPolicyVersions", "iam:ListRolePolicies", "iam:PassRole", "iam:PutRolePolicy", "iam:TagPolicy", "iam:TagRole",
      "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
    ]
    resources = ["${local.iam}:role/${var.name_prefix}-*", "${local.iam}:policy/${var.name_prefix}-*"]
  }

  statement {
    sid    = "ManageOidcProviders"
    effect = "Allow"
    actions = [
      "iam:CreateOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", "iam:GetOpenIDConnectProvider",
      "iam:TagOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
    ]
    resources = ["${local.iam}:oidc-provider/*"]
  }

  statement {
    sid       = "ServiceLinkedRoles"
    effect    = "Allow"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["${local.iam}:role/aws-service-role/*"]
  }
}

resource "aws_iam_role_policy" "apply_iam" {
  name   = "environment-iam"
  role   = aws_iam_role.this["apply"].id
  policy = data.aws_iam_policy_document.apply_iam.json
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "FindCluster"
    effect    = "Allow"
    actions   = ["eks:DescribeCluster"]
    resources = [var.cluster_arn]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "describe-cluster"
  role   = aws_iam_role.this["deploy"].id
  policy = data.aws_iam_policy_document.deploy.json
}
