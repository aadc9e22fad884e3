locals {
  issuer   = "token.actions.githubusercontent.com"
  repo_sub = "repo:${var.github_org}/${var.github_repo}"
  iam      = "arn:${var.partition}:iam::${var.account_id}"
  roles = {
    ci = { name = "${var.name_prefix}-github-ci", sub = "${local.repo_sub}:ref:refs/heads/main" }
    # Pull requests plan; main plans too (the saved plan a reviewer approves, and the scheduled drift plan).
    plan  = { name = "${var.name_prefix}-github-plan", sub = "${local.repo_sub}:pull_request", also = ["${local.repo_sub}:ref:refs/heads/main"] }
    apply = { name = "${var.name_prefix}-github-apply", sub = "${local.repo_sub}:environment:${var.environment}" }
    # kubectl apply -k dist/<env>/bootstrap from the environment-protected job: no AWS rights but
    # finding the cluster; its Kubernetes rights come from its access entry (modules/cluster-access).
    deploy = { name = "${var.name_prefix}-github-deploy", sub = "${local.repo_sub}:environment:${var.environment}" }
  }
  state_bucket_arn = "arn:${var.partition}:s3:::${var.state_bucket_name}"
  # The boundary lives under its own path, so its ARN (policy/boundary/…) is outside the apply role's
  # policy/<prefix>-* pattern: the apply role can attach it but never edit it.
  boundary_arn = "${local.iam}:policy/boundary/${var.name_prefix}-workload-boundary"
  # The GitHub roles themselves: the apply role may read them but never change them (an admin applies
  # this module's changes), so it cannot widen its own policies or trust.
  github_role_arns = [for r in local.roles : "${local.iam}:role/${r.name}"]
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
      values   = concat([each.value.sub], lookup(each.value, "also", []))
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

# Plan reads state only (pull requests and drift plans run with -lock=false, so no lock file is
# written); apply also writes the state and its lock file (S3 native locking, use_lockfile).
data "aws_iam_policy_document" "state" {
  for_each = { plan = ["s3:GetObject"], apply = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"] }

  # The state bucket is SSE-KMS with its own CMK (modules/state-bucket, created before these roles
  # exist, so its key policy cannot name them): the key is usable only through S3 and only for
  # objects of the state bucket (the S3 encryption context is the bucket ARN with a bucket key,
  # the object ARN without; AWS S3 user guide, "Using SSE-KMS", encryption context).
  statement {
    sid       = "StateKey"
    effect    = "Allow"
    actions   = each.key == "plan" ? ["kms:Decrypt"] : ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:${var.partition}:kms:*:${var.account_id}:key/*"]

    condition {
      test     = "StringLike"
      variable = "kms:ViaService"
      values   = ["s3.*.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = [local.state_bucket_arn, "${local.state_bucket_arn}/*"]
    }
  }

  statement {
    sid       = "StateBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.state_bucket_arn]
  }

  statement {
    sid       = "StateObjects"
    effect    = "Allow"
    actions   = each.value
    resources = ["${local.state_bucket_arn}/*"]
  }
}

resource "aws_iam_role_policy" "state" {
  for_each = toset(["plan", "apply"])

  name   = "terraform-state"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.state[each.key].json
}

# ReadOnlyAccess includes s3:Get*/List* and so would let the plan role read state objects anyway;
# what it must never do is write or delete them, which this deny makes explicit whatever is attached.
data "aws_iam_policy_document" "plan_deny_writes" {
  statement {
    sid       = "NoStateWrites"
    effect    = "Deny"
    actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObject"]
    resources = ["${local.state_bucket_arn}/*"]
  }
}

resource "aws_iam_role_policy" "plan_deny_writes" {
  name   = "no-state-writes"
  role   = aws_iam_role.this["plan"].id
  policy = data.aws_iam_policy_document.plan_deny_writes.json
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

# PowerUserAccess has no IAM: grant IAM only on this environment's own names, and only for roles
# that carry the workload boundary. The condition key iam:PermissionsBoundary is what AWS documents
# for delegating role creation (IAM User Guide, access_policies_boundaries.html "Delegating
# responsibility to others using permissions boundaries"; reference_policies_iam-condition-keys.html
# #ck_PermissionsBoundary: CreateRole, PutRolePermissionsBoundary, Put/Attach/Detach/DeleteRolePolicy).
data "aws_iam_policy_document" "apply_iam" {
  statement {
    sid    = "ManageEnvironmentRolesWithinBoundary"
    effect = "Allow"
    actions = [
      "iam:AttachRolePolicy", "iam:CreateRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
    ]
    resources = ["${local.iam}:role/${var.name_prefix}-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = [local.boundary_arn]
    }
  }

  statement {
    sid    = "ManageEnvironmentIam"
    effect = "Allow"
    actions = [
      "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:DeleteRole", "iam:GetPolicy",
      "iam:GetPolicyVersion", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole",
      "iam:ListPolicyVersions", "iam:ListRolePolicies", "iam:PassRole", "iam:TagPolicy", "iam:TagRole", "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
    ]
    resources = ["${local.iam}:role/${var.name_prefix}-*", "${local.iam}:policy/${var.name_prefix}-*"]
  }

  statement {
    sid       = "ReadBoundary"
    effect    = "Allow"
    actions   = ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"]
    resources = [local.boundary_arn]
  }

  # The CI roles match role/<prefix>-* too: an explicit deny (which wins over any allow) keeps the
  # apply role from editing itself or its siblings, and from removing a boundary anywhere.
  statement {
    sid    = "NeverEditCiRolesOrBoundary"
    effect = "Deny"
    actions = [
      "iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy", "iam:DetachRolePolicy",
      "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
    ]
    resources = local.github_role_arns
  }

  statement {
    sid       = "NeverRemoveBoundaries"
    effect    = "Deny"
    actions   = ["iam:DeleteRolePermissionsBoundary", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"]
    resources = ["${local.iam}:role/*", local.boundary_arn]
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

# The ceiling of every role the apply role creates or edits: everything but the IAM, STS and
# Organizations actions that would mint or widen an identity. A boundary grants nothing by itself
# (effective rights = identity policies ∩ boundary), so its broad Allow is a ceiling, not a grant.
data "aws_iam_policy_document" "boundary" {
  statement {
    sid       = "Ceiling"
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }

  statement {
    sid    = "NoIdentityEscalation"
    effect = "Deny"
    actions = [
      "iam:AddUserToGroup", "iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:CreateAccessKey",
      "iam:CreateLoginProfile", "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:CreateRole", "iam:CreateUser",
      "iam:DeleteRolePermissionsBoundary", "iam:PutGroupPolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy",
      "iam:PutUserPolicy", "iam:SetDefaultPolicyVersion", "iam:UpdateAssumeRolePolicy", "iam:UpdateLoginProfile",
      "organizations:*", "account:*",
    ]
    resources = ["*"]
  }

  # A bounded role may pass only this environment's roles (all bounded too), never another role of
  # the account that a service could run with.
  statement {
    sid           = "PassOnlyEnvironmentRoles"
    effect        = "Deny"
    actions       = ["iam:PassRole"]
    not_resources = ["${local.iam}:role/${var.name_prefix}-*"]
  }
}

resource "aws_iam_policy" "boundary" {
  name        = "${var.name_prefix}-workload-boundary"
  path        = "/boundary/"
  description = "Permissions boundary of every role the Terraform apply role creates or edits."
  policy      = data.aws_iam_policy_document.boundary.json

  tags = var.tags
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
