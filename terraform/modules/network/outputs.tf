output "vpc_id" {
  description = "VPC id."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "VPC IPv4 CIDR."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Public subnet ids in AZ order."
  value       = [for az in var.azs : aws_subnet.public[az].id]
}

output "private_subnet_ids" {
  description = "Private subnet ids in AZ order."
  value       = [for az in var.azs : aws_subnet.private[az].id]
}

output "isolated_subnet_ids" {
  description = "Isolated subnet ids in AZ order."
  value       = [for az in var.azs : aws_subnet.isolated[az].id]
}

output "private_subnet_cidrs" {
  description = "Private subnet CIDRs in AZ order (allowed sources for the data tier)."
  value       = var.private_subnets
}

output "nat_gateway_count" {
  description = "Number of NAT gateways."
  value       = length(aws_nat_gateway.this)
}

output "nat_gateway_ids" {
  description = "NAT gateway ids by AZ (keys known at plan time; the alarms iterate over them)."
  value       = { for az, n in aws_nat_gateway.this : az => n.id }
}
