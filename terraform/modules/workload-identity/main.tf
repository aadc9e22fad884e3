locals {
  p   = var.partition
  r   = var.region
  a   = var.account_id
  ec2 = "arn:${var.partition}:ec2:${var.region}:${var.account_id}"

  s3_bucket_actions = {
    read         = ["s3:GetBucketLocation", "s3:ListBucket"]
    write        = ["s3:GetBucketLocation"]
    "read-write" = ["s3:GetBucketLocation", "s3:ListBucket"]
  }
  s3_object_actions = {
    read         = ["s3:GetObject", "s3:GetObjectVersion"]
    write        = ["s3:AbortMultipartUpload", "s3:PutObject"]
    "read-write" = ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
  }
  sqs_actions = {
    consume = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
    send    = ["sqs:GetQueueAttributes", "sqs:SendMessage"]
  }

  # Least-privilege statements per service, built only from what the catalog declares.
  service_statements = {
    for name, s in var.services : name => concat(
      [for i, b in s.s3 : { sid = "S3Bucket${i}", actions = local.s3_bucket_actions[b.access], resources = [b.bucket_arn], conditions = [] }],
      [for i, b in s.s3 : { sid = "S3Objects${i}", actions = local.s3_object_actions[b.access], resources = ["${b.bucket_arn}/*"], conditions = [] }],
      [for i, q in s.sqs : { sid = "Sqs${title(q.access)}${i}", actions = local.sqs_actions[q.access], resources = [q.queue_arn], conditions = [] }],
      # Publishing to a KMS-encrypted topic also needs the key (KmsForDeclaredResources below).
      [for i, t in s.sns : { sid = "SnsPublish${i}", actions = ["sns:Publish"], resources = [t.topic_arn], conditions = [] }],
      s.rds_iam_user == null ? [] : [{
        sid        = "RdsIamConnect"
        actions    = ["rds-db:connect"]
        resources  = ["arn:${local.p}:rds-db:${local.r}:${local.a}:dbuser:${var.rds_resource_id}/${s.rds_iam_user}"]
        conditions = []
      }],
      # ElastiCache IAM auth: the caller needs elasticache:Connect on both the replication group and
      # the RBAC user it logs in as (AWS ElastiCache docs, "Authenticating with IAM").
      !s.redis ? [] : [{
        sid        = "RedisIamConnect"
        actions    = ["elasticache:Connect"]
        resources  = [var.redis_replication_group_arn, var.redis_user_arn]
        conditions = []
      }],
      length(concat(s.s3, s.sqs, s.sns)) == 0 ? [] : [{
        sid        = "KmsForDeclaredResources"
        actions    = ["kms:Decrypt", "kms:GenerateDataKey"]
        resources  = distinct(concat([for b in s.s3 : b.kms_key_arn], [for q in s.sqs : q.kms_key_arn], [for t in s.sns : t.kms_key_arn]))
        conditions = []
      }],
    )
  }
  services_with_policy = { for k, v in local.service_statements : k => v if length(v) > 0 }

  # Secrets Manager appends "-" and 6 random characters to a secret's name in its ARN.
  readable_secrets = length(var.secret_names) > 0 ? [for n in var.secret_names : "arn:${local.p}:secretsmanager:${local.r}:${local.a}:secret:${n}-??????"] : ["arn:${local.p}:secretsmanager:${local.r}:${local.a}:secret:fintrack/${var.environment}/*"]

  tag_cluster = "kubernetes.io/cluster/${var.cluster_name}"
  zone_arn    = "arn:${local.p}:route53:::hostedzone/${var.route53_zone_id}"
  elb         = "arn:${local.p}:elasticloadbalancing:${local.r}:${local.a}"

  addon_statements = {
    # Argo CD Image Updater lists tags and reads manifests/config blobs (newest-build needs the image
    # creation date) through the registry API, authenticated by an ECR token: the ECR read actions of
    # the AWS managed policy AmazonEC2ContainerRegistryReadOnly, limited to this environment's repositories.
    argocd-image-updater = [
      { sid = "EcrToken", actions = ["ecr:GetAuthorizationToken"], resources = ["*"], conditions = [] },
      {
        sid        = "ReadRepositories"
        actions    = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer", "ecr:ListImages"]
        resources  = sort(var.ecr_repository_arns)
        conditions = []
      },
    ]

    keda = local.keda_operator_statements

    external-secrets = [
      {
        sid        = "ReadEnvironmentSecrets"
        actions    = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
        resources  = local.readable_secrets
        conditions = []
      },
      {
        sid        = "DecryptSecrets"
        actions    = ["kms:Decrypt"]
        resources  = [var.secrets_kms_key_arn]
        conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["secretsmanager.${local.r}.amazonaws.com"] }]
      },
    ]

    loki = [
      { sid = "ListBucket", actions = ["s3:ListBucket"], resources = [var.loki_bucket_arn], conditions = [] },
      { sid = "Objects", actions = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], resources = ["${var.loki_bucket_arn}/*"], conditions = [] },
      { sid = "Kms", actions = ["kms:Decrypt", "kms:GenerateDataKey"], resources = [var.loki_kms_key_arn], conditions = [] },
    ]

    cert-manager = [
      { sid = "GetChange", actions = ["route53:GetChange"], resources = ["arn:${local.p}:route53:::change/*"], conditions = [] },
      { sid = "ZoneRecords", actions = ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"], resources = [local.zone_arn], conditions = [] },
      { sid = "FindZone", actions = ["route53:ListHostedZonesByName"], resources = ["*"], conditions = [] },
    ]

    external-dns = [
      { sid = "ZoneRecords", actions = ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResource"], resources = [local.zone_arn], conditions = [] },
      { sid = "ListZones", actions = ["route53:ListHostedZones", "route53:ListTagsForResources"], resources = ["*"], conditions = [] },
    ]

    # Statements of kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json, with the
    # unconditioned write statements narrowed from "*" to this account/region (and VPC).
    aws-load-balancer-controller = [
      {
        sid        = "CreateElbServiceLinkedRole"
        actions    = ["iam:CreateServiceLinkedRole"]
        resources  = ["*"]
        conditions = [{ test = "StringEquals", variable = "iam:AWSServiceName", values = ["elasticloadbalancing.amazonaws.com"] }]
      },
      {
        sid = "Describe"
        actions = [
          "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones", "ec2:DescribeCoipPools",
          "ec2:DescribeInstances", "ec2:DescribeInternetGateways", "ec2:DescribeIpamPools", "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeTags", "ec2:DescribeVpcPeeringConnections",
          "ec2:DescribeVpcs", "ec2:GetCoipPoolUsage", "ec2:GetSecurityGroupsForVpc",
          "elasticloadbalancing:DescribeCapacityReservation", "elasticloadbalancing:DescribeListenerAttributes",
          "elasticloadbalancing:DescribeListenerCertificates", "elasticloadbalancing:DescribeListeners",
          "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancers",
          "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeSSLPolicies", "elasticloadbalancing:DescribeTags",
          "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeTrustStores",
          "acm:DescribeCertificate", "acm:ListCertificates", "cognito-idp:DescribeUserPoolClient",
          "iam:GetServerCertificate", "iam:ListServerCertificates", "shield:DescribeProtection", "shield:GetSubscriptionState",
          "waf-regional:GetWebACL", "waf-regional:GetWebACLForResource", "wafv2:GetWebACL", "wafv2:GetWebACLForResource",
        ]
        resources  = ["*"]
        conditions = []
      },
      {
        sid        = "WebAclAndShield"
        actions    = ["shield:CreateProtection", "shield:DeleteProtection", "waf-regional:AssociateWebACL", "waf-regional:DisassociateWebACL", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"]
        resources  = ["${local.elb}:loadbalancer/app/*/*", "arn:${local.p}:wafv2:${local.r}:${local.a}:regional/webacl/*/*", "arn:${local.p}:waf-regional:${local.r}:${local.a}:webacl/*", "arn:${local.p}:shield::${local.a}:protection/*"]
        conditions = []
      },
      {
        sid        = "ManageSecurityGroupRules"
        actions    = ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"]
        resources  = ["${local.ec2}:security-group/*"]
        conditions = []
      },
      {
        sid        = "CreateSecurityGroup"
        actions    = ["ec2:CreateSecurityGroup"]
        resources  = ["${local.ec2}:security-group/*", "${local.ec2}:vpc/${var.vpc_id}"]
        conditions = []
      },
      {
        sid       = "TagNewSecurityGroup"
        actions   = ["ec2:CreateTags"]
        resources = ["${local.ec2}:security-group/*"]
        conditions = [
          { test = "StringEquals", variable = "ec2:CreateAction", values = ["CreateSecurityGroup"] },
          { test = "Null", variable = "aws:RequestTag/elbv2.k8s.aws/cluster", values = ["false"] },
        ]
      },
      {
        sid       = "TagOwnedSecurityGroup"
        actions   = ["ec2:CreateTags", "ec2:DeleteTags"]
        resources = ["${local.ec2}:security-group/*"]
        conditions = [
          { test = "Null", variable = "aws:RequestTag/elbv2.k8s.aws/cluster", values = ["true"] },
          { test = "Null", variable = "aws:ResourceTag/elbv2.k8s.aws/cluster", values = ["false"] },
        ]
      },
      {
        sid        = "ManageOwnedSecurityGroup"
        actions    = ["ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:RevokeSecurityGroupIngress"]
        resources  = ["${local.ec2}:security-group/*"]
        conditions = [{ test = "Null", variable = "aws:ResourceTag/elbv2.k8s.aws/cluster", values = ["false"] }]
      },
      {
        sid        = "CreateLoadBalancerAndTargetGroup"
        actions    = ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"]
        resources  = ["${local.elb}:loadbalancer/*", "${local.elb}:targetgroup/*/*"]
        conditions = [{ test = "Null", variable = "aws:RequestTag/elbv2.k8s.aws/cluster", values = ["false"] }]
      },
      {
        sid        = "ListenersAndRules"
        actions    = ["elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:DeleteRule"]
        resources  = ["${local.elb}:loadbalancer/*", "${local.elb}:listener/*", "${local.elb}:listener-rule/*"]
        conditions = []
      },
      {
        sid       = "TagOwnedLoadBalancers"
        actions   = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"]
        resources = ["${local.elb}:targetgroup/*/*", "${local.elb}:loadbalancer/net/*/*", "${local.elb}:loadbalancer/app/*/*"]
        conditions = [
          { test = "Null", variable = "aws:RequestTag/elbv2.k8s.aws/cluster", values = ["true"] },
          { test = "Null", variable = "aws:ResourceTag/elbv2.k8s.aws/cluster", values = ["false"] },
        ]
      },
      {
        sid        = "TagListenersAndRules"
        actions    = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"]
        resources  = ["${local.elb}:listener/net/*/*/*", "${local.elb}:listener/app/*/*/*", "${local.elb}:listener-rule/net/*/*/*", "${local.elb}:listener-rule/app/*/*/*"]
        conditions = []
      },
      {
        sid = "ModifyOwned"
        actions = [
          "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyCapacityReservation",
          "elasticloadbalancing:ModifyIpPools", "elasticloadbalancing:ModifyListenerAttributes", "elasticloadbalancing:ModifyLoadBalancerAttributes",
          "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:SetIpAddressType",
          "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
        ]
        resources  = ["${local.elb}:loadbalancer/*", "${local.elb}:targetgroup/*/*"]
        conditions = [{ test = "Null", variable = "aws:ResourceTag/elbv2.k8s.aws/cluster", values = ["false"] }]
      },
      {
        sid        = "TagOnCreate"
        actions    = ["elasticloadbalancing:AddTags"]
        resources  = ["${local.elb}:targetgroup/*/*", "${local.elb}:loadbalancer/net/*/*", "${local.elb}:loadbalancer/app/*/*"]
        conditions = [{ test = "StringEquals", variable = "elasticloadbalancing:CreateAction", values = ["CreateTargetGroup", "CreateLoadBalancer"] }, { test = "Null", variable = "aws:RequestTag/elbv2.k8s.aws/cluster", values = ["false"] }]
      },
      {
        sid        = "Targets"
        actions    = ["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"]
        resources  = ["${local.elb}:targetgroup/*/*"]
        conditions = []
      },
      {
        sid        = "ListenerAndRuleChanges"
        actions    = ["elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule", "elasticloadbalancing:RemoveListenerCertificates", "elasticloadbalancing:SetWebAcl"]
        resources  = ["${local.elb}:loadbalancer/*", "${local.elb}:listener/*", "${local.elb}:listener-rule/*"]
        conditions = []
      },
    ]

    # Karpenter v1 controller reference policy (CloudFormation getting-started template).
    karpenter = [
      {
        sid        = "AllowScopedEC2InstanceAccessActions"
        actions    = ["ec2:CreateFleet", "ec2:RunInstances"]
        resources  = ["arn:${local.p}:ec2:${local.r}::image/*", "arn:${local.p}:ec2:${local.r}::snapshot/*", "${local.ec2}:security-group/*", "${local.ec2}:subnet/*", "${local.ec2}:capacity-reservation/*"]
        conditions = []
      },
      {
        sid       = "AllowScopedEC2LaunchTemplateAccessActions"
        actions   = ["ec2:CreateFleet", "ec2:RunInstances"]
        resources = ["${local.ec2}:launch-template/*"]
        conditions = [
          { test = "StringEquals", variable = "aws:ResourceTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringLike", variable = "aws:ResourceTag/karpenter.sh/nodepool", values = ["*"] },
        ]
      },
      {
        sid       = "AllowScopedEC2InstanceActionsWithTags"
        actions   = ["ec2:CreateFleet", "ec2:CreateLaunchTemplate", "ec2:RunInstances"]
        resources = ["${local.ec2}:fleet/*", "${local.ec2}:instance/*", "${local.ec2}:volume/*", "${local.ec2}:network-interface/*", "${local.ec2}:launch-template/*", "${local.ec2}:spot-instances-request/*"]
        conditions = [
          { test = "StringEquals", variable = "aws:RequestTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringEquals", variable = "aws:RequestTag/eks:eks-cluster-name", values = [var.cluster_name] },
          { test = "StringLike", variable = "aws:RequestTag/karpenter.sh/nodepool", values = ["*"] },
        ]
      },
      {
        sid       = "AllowScopedResourceCreationTagging"
        actions   = ["ec2:CreateTags"]
        resources = ["${local.ec2}:fleet/*", "${local.ec2}:instance/*", "${local.ec2}:volume/*", "${local.ec2}:network-interface/*", "${local.ec2}:launch-template/*", "${local.ec2}:spot-instances-request/*"]
        conditions = [
          { test = "StringEquals", variable = "aws:RequestTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringEquals", variable = "aws:RequestTag/eks:eks-cluster-name", values = [var.cluster_name] },
          { test = "StringEquals", variable = "ec2:CreateAction", values = ["CreateFleet", "CreateLaunchTemplate", "RunInstances"] },
          { test = "StringLike", variable = "aws:RequestTag/karpenter.sh/nodepool", values = ["*"] },
        ]
      },
      {
        sid       = "AllowScopedResourceTagging"
        actions   = ["ec2:CreateTags"]
        resources = ["${local.ec2}:instance/*"]
        conditions = [
          { test = "StringEquals", variable = "aws:ResourceTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringLike", variable = "aws:ResourceTag/karpenter.sh/nodepool", values = ["*"] },
          { test = "StringEqualsIfExists", variable = "aws:RequestTag/eks:eks-cluster-name", values = [var.cluster_name] },
          { test = "ForAllValues:StringEquals", variable = "aws:TagKeys", values = ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
        ]
      },
      {
        sid       = "AllowScopedDeletion"
        actions   = ["ec2:DeleteLaunchTemplate", "ec2:TerminateInstances"]
        resources = ["${local.ec2}:instance/*", "${local.ec2}:launch-template/*"]
        conditions = [
          { test = "StringEquals", variable = "aws:ResourceTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringLike", variable = "aws:ResourceTag/karpenter.sh/nodepool", values = ["*"] },
        ]
      },
      {
        sid = "AllowRegionalReadActions"
        actions = [
          "ec2:DescribeAvailabilityZones", "ec2:DescribeCapacityReservations", "ec2:DescribeImages", "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes", "ec2:DescribeInstances", "ec2:DescribeLaunchTemplates", "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory", "ec2:DescribeSubnets",
        ]
        resources  = ["*"]
        conditions = [{ test = "StringEquals", variable = "aws:RequestedRegion", values = [local.r] }]
      },
      { sid = "AllowSSMReadActions", actions = ["ssm:GetParameter"], resources = ["arn:${local.p}:ssm:${local.r}::parameter/aws/service/*"], conditions = [] },
      { sid = "AllowPricingReadActions", actions = ["pricing:GetProducts"], resources = ["*"], conditions = [] },
      { sid = "AllowInterruptionQueueActions", actions = ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"], resources = [var.karpenter_interruption_queue_arn], conditions = [] },
      {
        sid        = "AllowPassingInstanceRole"
        actions    = ["iam:PassRole"]
        resources  = [var.karpenter_node_role_arn]
        conditions = [{ test = "StringEquals", variable = "iam:PassedToService", values = ["ec2.amazonaws.com"] }]
      },
      {
        sid       = "AllowScopedInstanceProfileCreationActions"
        actions   = ["iam:CreateInstanceProfile"]
        resources = ["arn:${local.p}:iam::${local.a}:instance-profile/*"]
        conditions = [
          { test = "StringEquals", variable = "aws:RequestTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringEquals", variable = "aws:RequestTag/eks:eks-cluster-name", values = [var.cluster_name] },
          { test = "StringEquals", variable = "aws:RequestTag/topology.kubernetes.io/region", values = [local.r] },
          { test = "StringLike", variable = "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", values = ["*"] },
        ]
      },
      {
        sid       = "AllowScopedInstanceProfileTagActions"
        actions   = ["iam:TagInstanceProfile"]
        resources = ["arn:${local.p}:iam::${local.a}:instance-profile/*"]
        conditions = [
          { test = "StringEquals", variable = "aws:ResourceTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringEquals", variable = "aws:ResourceTag/topology.kubernetes.io/region", values = [local.r] },
          { test = "StringEquals", variable = "aws:RequestTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringEquals", variable = "aws:RequestTag/eks:eks-cluster-name", values = [var.cluster_name] },
          { test = "StringEquals", variable = "aws:RequestTag/topology.kubernetes.io/region", values = [local.r] },
          { test = "StringLike", variable = "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", values = ["*"] },
          { test = "StringLike", variable = "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", values = ["*"] },
        ]
      },
      {
        sid       = "AllowScopedInstanceProfileActions"
        actions   = ["iam:AddRoleToInstanceProfile", "iam:DeleteInstanceProfile", "iam:RemoveRoleFromInstanceProfile"]
        resources = ["arn:${local.p}:iam::${local.a}:instance-profile/*"]
        conditions = [
          { test = "StringEquals", variable = "aws:ResourceTag/${local.tag_cluster}", values = ["owned"] },
          { test = "StringEquals", variable = "aws:ResourceTag/topology.kubernetes.io/region", values = [local.r] },
          { test = "StringLike", variable = "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", values = ["*"] },
        ]
      },
      { sid = "AllowInstanceProfileReadActions", actions = ["iam:GetInstanceProfile"], resources = ["arn:${local.p}:iam::${local.a}:instance-profile/*"], conditions = [] },
      { sid = "AllowAPIServerEndpointDiscovery", actions = ["eks:DescribeCluster"], resources = [var.cluster_arn], conditions = [] },
    ]
  }

  identities = merge(
    { for k, v in var.services : "service/${k}" => { role_name = "${var.name_prefix}-${k}", namespace = v.namespace, service_account = v.service_account } },
    { for k, v in var.addons : "addon/${k}" => { role_name = "${var.name_prefix}-addon-${k}", namespace = v.namespace, service_account = v.service_account } },
  )
  policies = merge(
    { for k, v in local.services_with_policy : "service/${k}" => v },
    { for k, v in var.addons : "addon/${k}" => local.addon_statements[k] if length(local.addon_statements[k]) > 0 },
  )
}

# IRSA trust: exactly one namespace/service account, audience sts.amazonaws.com.
data "aws_iam_policy_document" "trust" {
  for_each = local.identities

  # KEDA-scaled services also trust the KEDA operator (keda.tf).
  source_policy_documents = [for k, d in data.aws_iam_policy_document.keda_trust : d.json if each.key == "service/${k}"]

  statement {
    sid     = "IrsaServiceAccount"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:sub"
      values   = ["system:serviceaccount:${each.value.namespace}:${each.value.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.identities

  permissions_boundary = var.permissions_boundary
  name                 = each.value.role_name
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
  max_session_duration = 3600

  tags = merge(var.tags, {
    "fintrack.io/kubernetes-service-account" = "${each.value.namespace}/${each.value.service_account}"
  })
}

data "aws_iam_policy_document" "permissions" {
  for_each = local.policies

  dynamic "statement" {
    for_each = each.value

    content {
      sid       = statement.value.sid
      effect    = "Allow"
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = statement.value.conditions

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = local.policies

  name   = "least-privilege"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.permissions[each.key].json
}
