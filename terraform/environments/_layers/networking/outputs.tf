# Read by later layers (data, compute, observability) through terraform_remote_state, and by
# `npm run tf:outputs` (account_id, region, vpc_id).

output "account_id" {
  description = "AWS account id."
  value       = module.settings.account_id
}

output "region" {
  description = "AWS region."
  value       = module.settings.region
}

output "vpc_id" {
  description = "VPC id."
  value       = module.network.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnets (EKS nodes and pods), in azs order."
  value       = module.network.private_subnet_ids
}

output "isolated_subnet_ids" {
  description = "Isolated subnets (RDS, ElastiCache), in azs order."
  value       = module.network.isolated_subnet_ids
}

output "private_subnet_cidrs" {
  description = "CIDRs of the private subnets (the data stores' only clients)."
  value       = module.network.private_subnet_cidrs
}

output "nat_gateway_ids" {
  description = "NAT gateway id by AZ (alarmed by the observability layer)."
  value       = module.network.nat_gateway_ids
}
