mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"
  cluster_name         = "fintrack-test"
  account_id           = "123456789012"
  region               = "us-east-1"
  vpc_id               = "vpc-0123456789abcdef0"
  subnet_ids           = ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"]
  secrets_kms_key_arn  = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000001"
  logs_kms_key_arn     = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000002"
  sqs_kms_key_arn      = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000003"
}

run "cluster_is_private_encrypted_and_logged" {
  command = plan

  assert {
    condition     = aws_eks_cluster.this.access_config[0].authentication_mode == "API" && aws_eks_cluster.this.access_config[0].bootstrap_cluster_creator_admin_permissions == false
    error_message = "Access entries only (API mode) and no implicit creator admin."
  }

  assert {
    condition     = aws_eks_cluster.this.encryption_config[0].resources == toset(["secrets"]) || tolist(aws_eks_cluster.this.encryption_config[0].resources) == ["secrets"]
    error_message = "Kubernetes secrets must be envelope-encrypted with KMS."
  }

  assert {
    condition     = toset(aws_eks_cluster.this.enabled_cluster_log_types) == toset(["api", "audit", "authenticator", "controllerManager", "scheduler"])
    error_message = "All five control-plane log types must be enabled."
  }

  assert {
    condition     = aws_eks_cluster.this.vpc_config[0].endpoint_private_access && !aws_eks_cluster.this.vpc_config[0].endpoint_public_access
    error_message = "Private endpoint on, public endpoint off by default."
  }

  assert {
    condition     = aws_cloudwatch_log_group.cluster.name == "/aws/eks/fintrack-test/cluster" && aws_cloudwatch_log_group.cluster.kms_key_id != null && aws_cloudwatch_log_group.cluster.retention_in_days == 365
    error_message = "The control-plane log group must be pre-created with KMS and retention."
  }

  assert {
    condition     = alltrue([for m in aws_launch_template.system.metadata_options : m.http_tokens == "required" && m.http_put_response_hop_limit == 1])
    error_message = "Nodes must require IMDSv2 with hop limit 1."
  }

  assert {
    condition     = alltrue([for b in aws_launch_template.system.block_device_mappings : alltrue([for e in b.ebs : e.encrypted == "true" && e.volume_type == "gp3"])])
    error_message = "Node root volumes must be encrypted gp3."
  }

  assert {
    condition     = aws_eks_node_group.system.capacity_type == "ON_DEMAND"
    error_message = "The system node group is on-demand."
  }

  assert {
    condition     = toset(concat(keys(aws_eks_addon.before_nodes), keys(aws_eks_addon.after_nodes))) == toset(["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent", "aws-ebs-csi-driver"])
    error_message = "Expected the five managed add-ons."
  }

  assert {
    condition     = jsondecode(aws_eks_addon.before_nodes["vpc-cni"].configuration_values).enableNetworkPolicy == "true"
    error_message = "vpc-cni must enable the network policy agent, or no NetworkPolicy is enforced."
  }

  assert {
    condition     = aws_eks_access_entry.karpenter_node.type == "EC2_LINUX" && aws_iam_role.karpenter_node.name == "fintrack-test-karpenter-node"
    error_message = "Karpenter nodes join through an EC2_LINUX access entry of fintrack-<env>-karpenter-node."
  }

  assert {
    condition     = toset(keys(aws_iam_role_policy_attachment.karpenter_node)) == toset(["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEKS_CNI_Policy", "AmazonSSMManagedInstanceCore"])
    error_message = "Karpenter node role needs the worker, ECR read, CNI and SSM policies."
  }

  assert {
    condition     = aws_sqs_queue.karpenter_interruption.name == "fintrack-test-karpenter-interruption" && aws_sqs_queue.karpenter_interruption.kms_master_key_id != null
    error_message = "Interruption queue must be named <cluster>-karpenter-interruption and encrypted."
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.karpenter_interruption.statement : s if s.effect == "Deny" && anytrue([for c in s.condition : c.variable == "aws:SecureTransport"])]) == 1
    error_message = "Interruption queue policy must deny non-TLS access."
  }

  assert {
    condition     = toset([for r in aws_cloudwatch_event_rule.karpenter : jsondecode(r.event_pattern)["detail-type"][0]]) == toset(["EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation", "EC2 Instance State-change Notification", "AWS Health Event"])
    error_message = "Expected the four interruption event rules."
  }

  assert {
    condition     = aws_security_group.node.tags["karpenter.sh/discovery"] == "fintrack-test"
    error_message = "Node security group needs the Karpenter discovery tag."
  }
}

run "public_endpoint_with_cidrs" {
  command = plan

  variables {
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24"]
  }

  assert {
    condition     = aws_eks_cluster.this.vpc_config[0].endpoint_public_access && toset(aws_eks_cluster.this.vpc_config[0].public_access_cidrs) == toset(["203.0.113.0/24"])
    error_message = "Public endpoint must be limited to the allow-list."
  }
}

# Validations of three different variables in one run (each must fail; a missing failure fails the run).
run "rejects_open_public_endpoint_bad_cluster_name_and_inverted_node_group" {
  command = plan

  variables {
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
    cluster_name           = "FinTrack_Prod"
    system_node_group      = { instance_types = ["m6i.large"], min_size = 3, max_size = 2, desired_size = 2 }
  }

  expect_failures = [var.public_access_cidrs, var.cluster_name, var.system_node_group]
}

run "rejects_public_endpoint_without_cidrs" {
  command = plan

  variables {
    endpoint_public_access = true
  }

  expect_failures = [aws_eks_cluster.this]
}

