variable "name" {
  description = "Name prefix for every network resource, e.g. fintrack-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,40}$", var.name))
    error_message = "name must be lowercase letters, digits and dashes (3-41 chars)."
  }
}

variable "cluster_name" {
  description = "EKS cluster name, used for the karpenter.sh/discovery and kubernetes.io/cluster subnet tags."
  type        = string
}

variable "region" {
  description = "AWS region, used to build VPC endpoint service names (no AWS call at plan time)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-1."
  }
}

variable "cidr" {
  description = "VPC IPv4 CIDR block, e.g. 10.0.0.0/16."
  type        = string

  validation {
    condition     = can(cidrhost(var.cidr, 0)) && tonumber(split("/", var.cidr)[1]) <= 20
    error_message = "cidr must be a valid IPv4 CIDR of /20 or larger."
  }
}

variable "azs" {
  description = "Availability zones, one subnet of each tier per zone (taken as a variable so plans need no AWS call)."
  type        = list(string)

  validation {
    condition     = length(var.azs) == 3 && length(distinct(var.azs)) == 3
    error_message = "azs must list exactly 3 distinct availability zones."
  }
}

variable "public_subnets" {
  description = "Public subnet CIDRs (ALB, NAT), one per AZ in azs order."
  type        = list(string)

  validation {
    condition     = length(var.public_subnets) == length(var.azs) && alltrue([for c in var.public_subnets : can(cidrhost(c, 0))])
    error_message = "public_subnets must be valid CIDRs, one per AZ."
  }
}

variable "private_subnets" {
  description = "Private subnet CIDRs (EKS nodes and pods), one per AZ in azs order."
  type        = list(string)

  validation {
    condition     = length(var.private_subnets) == length(var.azs) && alltrue([for c in var.private_subnets : can(cidrhost(c, 0))])
    error_message = "private_subnets must be valid CIDRs, one per AZ."
  }
}

variable "isolated_subnets" {
  description = "Isolated subnet CIDRs (data tier, no internet route), one per AZ in azs order."
  type        = list(string)

  validation {
    condition     = length(var.isolated_subnets) == length(var.azs) && alltrue([for c in var.isolated_subnets : can(cidrhost(c, 0))])
    error_message = "isolated_subnets must be valid CIDRs, one per AZ."
  }
}

variable "isolated_ports" {
  description = "TCP ports the data stores listen on; the isolated subnets' NACL admits only these from the private subnets (PostgreSQL, Redis)."
  type        = list(number)
  default     = [5432, 6379]

  validation {
    condition     = length(var.isolated_ports) > 0 && length(var.isolated_ports) <= 10 && alltrue([for p in var.isolated_ports : p >= 1 && p <= 65535 && !contains([22, 3389], p)])
    error_message = "isolated_ports must be 1-10 TCP ports (never 22 or 3389)."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all AZs (cheap, dev only) instead of one per AZ."
  type        = bool
  default     = false
}

variable "interface_endpoints" {
  description = "Interface VPC endpoints (service short names) reachable from the private subnets: the AWS APIs pods reach through the `aws-apis` egress rule (443 to the VPC CIDR) — ECR, STS for IRSA, Secrets Manager, KMS, CloudWatch Logs, SQS, SNS (the flows' notifications) and S3."
  type        = list(string)
  default     = ["ecr.api", "ecr.dkr", "sts", "secretsmanager", "kms", "logs", "sqs", "sns", "s3"]
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
