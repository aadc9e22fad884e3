output "environment" {
  description = "Environment name."
  value       = var.environment
}

output "account_id" {
  description = "AWS account id."
  value       = var.account_id
}

output "region" {
  description = "Primary AWS region."
  value       = var.region
}

output "partition" {
  description = "AWS partition."
  value       = var.partition
}

output "dr_region" {
  description = "Disaster-recovery region, or null."
  value       = var.dr_region
}

output "cluster_name" {
  description = "EKS cluster name."
  value       = local.cluster_name
}

output "cluster_arn" {
  description = "EKS cluster ARN (a convention: known before the cluster exists)."
  value       = "arn:${var.partition}:eks:${var.region}:${var.account_id}:cluster/${local.cluster_name}"
}

output "name" {
  description = "Name prefix of every resource (fintrack-<env>)."
  value       = local.name
}

output "role_arn_prefix" {
  description = "ARN prefix of the environment's IAM roles (AwsNames in apps/aws-names.ts: <prefix>-<service>)."
  value       = "arn:${var.partition}:iam::${var.account_id}:role/${local.name}"
}

output "vpc_cidr" {
  description = "VPC CIDR."
  value       = var.vpc_cidr
}

output "azs" {
  description = "Availability zones."
  value       = var.azs
}

output "subnets" {
  description = "Subnet CIDRs by tier: x.x.1-3.0/24 public, x.x.11-13.0/24 private, x.x.21-23.0/24 isolated."
  value = {
    public   = [for i in [1, 2, 3] : "${local.base}.${i}.0/24"]
    private  = [for i in [11, 12, 13] : "${local.base}.${i}.0/24"]
    isolated = [for i in [21, 22, 23] : "${local.base}.${i}.0/24"]
  }
}

output "catalog" {
  description = "The validated catalog.json of the environment."
  value       = var.catalog
}

output "services" {
  description = "Catalog services by name."
  value       = { for s in var.catalog.services : s.name => s }
}

output "addons" {
  description = "Add-ons with AWS roles, by name."
  value       = { for a in var.catalog.addons : a.name => { namespace = a.namespace, service_account = a.serviceAccount } }
}

output "buckets" {
  description = "Data buckets (the catalog's and Loki's) with their expiration."
  value = merge(
    { for b in var.catalog.buckets : b => { expiration_days = null } },
    { loki = { expiration_days = 90 } },
  )
}

output "kms_keys" {
  description = "Customer managed keys of the environment (modules/kms keys)."
  value       = local.kms_keys
}

output "alarms" {
  description = "Alarm thresholds and the Slack channel (apps/schema/alarms.ts fills the defaults; these cover a catalog.json written before the alarms block existed)."
  value = coalesce(var.catalog.alarms, {
    rdsCpuPercent = 80, rdsFreeStorageGiB = 10, redisMemoryPercent = 80, natPortAllocationErrors = 1, natPacketsDropped = 100, dlqMessages = 1, slack = null
  })
}

output "spa_host" {
  description = "Public host of the SPA, or null."
  value       = var.spa_host
}

output "single_nat_gateway" {
  description = "One NAT gateway instead of one per AZ."
  value       = var.single_nat_gateway
}

output "endpoint_public_access" {
  description = "Public Kubernetes API endpoint."
  value       = var.endpoint_public_access
}

output "public_access_cidrs" {
  description = "CIDRs allowed to the public API endpoint."
  value       = var.public_access_cidrs
}

output "access_entries" {
  description = "EKS access entries."
  value       = var.access_entries
}

output "system_node_group" {
  description = "System node group sizing."
  value       = var.system_node_group
}

output "postgres" {
  description = "RDS sizing."
  value       = var.postgres
}

output "redis" {
  description = "Redis sizing."
  value       = var.redis
}

output "route53_zone_id" {
  description = "Public hosted zone."
  value       = var.route53_zone_id
}

output "github_org" {
  description = "GitHub organisation."
  value       = var.github_org
}

output "github_repo" {
  description = "GitHub repository."
  value       = var.github_repo
}

output "state_bucket_name" {
  description = "Terraform state bucket (every layer's state and the remote-state reads)."
  value       = local.state_bucket_name
}

output "log_retention_days" {
  description = "Retention of every CloudWatch log group."
  value       = var.log_retention_days
}

output "tags" {
  description = "Extra tags."
  value       = var.tags
}

output "geo_blocked_countries" {
  description = "Countries the WAF blocks."
  value       = var.geo_blocked_countries
}
