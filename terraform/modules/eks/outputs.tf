output "cluster_name" {
  description = "EKS cluster name."
  value       = aws_eks_cluster.this.name
}

output "cluster_arn" {
  description = "EKS cluster ARN."
  value       = aws_eks_cluster.this.arn
}

output "cluster_endpoint" {
  description = "Kubernetes API server endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_security_group_id" {
  description = "Cluster security group created by EKS."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "node_security_group_id" {
  description = "Node security group (tagged karpenter.sh/discovery)."
  value       = aws_security_group.node.id
}

output "oidc_provider_arn" {
  description = "IAM OIDC provider ARN for IRSA."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer_host" {
  description = "OIDC issuer without https://, the prefix of IRSA condition keys."
  value       = local.oidc_host
}

output "karpenter_node_role_name" {
  description = "IAM role name Karpenter puts on the nodes it launches (EC2NodeClass spec.role)."
  value       = aws_iam_role.karpenter_node.name
}

output "karpenter_node_role_arn" {
  description = "IAM role ARN of Karpenter nodes."
  # Built from the name (IAM ARN format, default path): known at plan for the platform layer.
  value = "arn:${var.partition}:iam::${var.account_id}:role/${aws_iam_role.karpenter_node.name}"
}

output "karpenter_interruption_queue_name" {
  description = "SQS queue name for Karpenter interruption handling (settings.interruptionQueue)."
  value       = aws_sqs_queue.karpenter_interruption.name
}

output "karpenter_interruption_queue_arn" {
  description = "SQS queue ARN for Karpenter interruption handling."
  value       = local.queue_arn
}
