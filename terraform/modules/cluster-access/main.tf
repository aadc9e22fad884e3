locals {
  cluster_arn = "arn:${var.partition}:eks:${var.region}:${var.account_id}:cluster/${var.cluster_name}"
  # Access entries need the cluster in API (or API_AND_CONFIG_MAP) authentication mode; modules/eks
  # sets API (EKS user guide, "Grant IAM users access to Kubernetes with EKS access entries").
  cluster_admin_policy = "arn:${var.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
}

# --- Break-glass administrator ---------------------------------------------------------------------
# Assumable only by principals of this account that an IAM policy allows to, and only with MFA;
# its one AWS right is finding the cluster. Cluster admin comes from the access entry below.

data "aws_iam_policy_document" "break_glass_trust" {
  statement {
    sid     = "AccountPrincipalsWithMfa"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${var.partition}:iam::${var.account_id}:root"]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "break_glass" {
  permissions_boundary = var.permissions_boundary
  name                 = "${var.name_prefix}-break-glass"
  assume_role_policy   = data.aws_iam_policy_document.break_glass_trust.json
  max_session_duration = 3600

  tags = merge(var.tags, { "fintrack.io/purpose" = "break-glass" })
}

data "aws_iam_policy_document" "break_glass" {
  statement {
    sid       = "FindCluster"
    effect    = "Allow"
    actions   = ["eks:DescribeCluster"]
    resources = [local.cluster_arn]
  }
}

resource "aws_iam_role_policy" "break_glass" {
  name   = "describe-cluster"
  role   = aws_iam_role.break_glass.id
  policy = data.aws_iam_policy_document.break_glass.json
}

resource "aws_eks_access_entry" "break_glass" {
  cluster_name  = var.cluster_name
  principal_arn = aws_iam_role.break_glass.arn
  type          = "STANDARD"

  tags = var.tags
}

resource "aws_eks_access_policy_association" "break_glass" {
  cluster_name  = var.cluster_name
  principal_arn = aws_eks_access_entry.break_glass.principal_arn
  policy_arn    = local.cluster_admin_policy

  access_scope {
    type = "cluster"
  }
}

# --- CI deploy role ---------------------------------------------------------------------------------
# No access policy: EKS access policies grant no custom resources, so the entry only maps the role
# to a Kubernetes group that dist/<env>/bootstrap's Role binds (charts/argocd/bootstrap-deployer.ts).

resource "aws_eks_access_entry" "deploy" {
  cluster_name      = var.cluster_name
  principal_arn     = var.deploy_role_arn
  type              = "STANDARD"
  kubernetes_groups = [var.deploy_kubernetes_group]

  tags = var.tags
}
