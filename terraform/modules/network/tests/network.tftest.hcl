mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name             = "fintrack-test"
  cluster_name     = "fintrack-test"
  region           = "us-east-1"
  cidr             = "10.0.0.0/16"
  azs              = ["us-east-1a", "us-east-1b", "us-east-1c"]
  public_subnets   = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  private_subnets  = ["10.0.11.0/24", "10.0.12.0/24", "10.0.13.0/24"]
  isolated_subnets = ["10.0.21.0/24", "10.0.22.0/24", "10.0.23.0/24"]
}

run "data_tier_nacl" {
  command = plan

  assert {
    condition = alltrue([for r in aws_network_acl.isolated.ingress : r.action == "allow" && r.protocol == "tcp" && (
      (contains(var.private_subnets, r.cidr_block) && r.from_port == r.to_port && contains([5432, 6379], r.from_port)) || contains(var.isolated_subnets, r.cidr_block)
    )]) && length(aws_network_acl.isolated.ingress) == 9
    error_message = "The isolated NACL admits only 5432/6379 from each private subnet (plus intra-tier traffic)."
  }

  assert {
    condition     = alltrue([for r in aws_network_acl.isolated.egress : r.protocol == "tcp" && (contains(var.isolated_subnets, r.cidr_block) || (contains(var.private_subnets, r.cidr_block) && r.from_port == 1024))])
    error_message = "The isolated NACL answers the private subnets only on ephemeral ports."
  }
}

# Validations of different variables in one run: each listed variable must fail on its own rule (a
# missing failure fails the run), so the module is planned once for all of them.
run "rejects_ssh_two_azs_and_invalid_cidr" {
  command = plan

  variables {
    isolated_ports = [5432, 22]
    azs            = ["us-east-1a", "us-east-1b"]
    cidr           = "10.0.0.0/33"
  }

  expect_failures = [var.isolated_ports, var.azs, var.cidr]
}

run "three_tiers_nat_per_az_and_closed_default_sg" {
  command = plan

  assert {
    condition     = length(aws_subnet.public) == 3 && length(aws_subnet.private) == 3 && length(aws_subnet.isolated) == 3
    error_message = "Expected 3 public, 3 private and 3 isolated subnets."
  }

  assert {
    condition     = aws_subnet.private["us-east-1b"].cidr_block == "10.0.12.0/24" && aws_subnet.isolated["us-east-1c"].cidr_block == "10.0.23.0/24"
    error_message = "Subnets must follow the azs order."
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 3
    error_message = "Production layout needs one NAT gateway per AZ."
  }

  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "The default security group must have no rules."
  }

  assert {
    condition     = alltrue([for s in aws_subnet.public : s.tags["kubernetes.io/role/elb"] == "1"]) && alltrue([for s in aws_subnet.private : s.tags["kubernetes.io/role/internal-elb"] == "1" && s.tags["karpenter.sh/discovery"] == "fintrack-test"])
    error_message = "Subnets need the ELB role and Karpenter discovery tags."
  }

  assert {
    condition     = toset(keys(aws_vpc_endpoint.interface)) == toset(["ecr.api", "ecr.dkr", "sts", "secretsmanager", "kms", "logs", "sqs", "sns", "s3"]) && aws_vpc_endpoint.s3.vpc_endpoint_type == "Gateway"
    error_message = "Expected the S3 gateway endpoint and the nine interface endpoints (SQS, SNS and S3 included: pods reach AWS only inside the VPC CIDR)."
  }

  assert {
    condition     = one(aws_vpc_endpoint.interface["s3"].dns_options).private_dns_only_for_inbound_resolver_endpoint == false && aws_vpc_endpoint.interface["s3"].private_dns_enabled
    error_message = "The S3 interface endpoint must answer S3 names for every resolver in the VPC, or pods would resolve S3 to public prefix-list IPs their NetworkPolicies do not allow."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.endpoints_https.cidr_ipv4 == "10.0.0.0/16" && aws_vpc_security_group_ingress_rule.endpoints_https.description != ""
    error_message = "Endpoint ingress must be limited to the VPC CIDR and described."
  }
}

run "single_nat_for_dev" {
  command = plan

  variables {
    single_nat_gateway = true
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 1 && length(aws_route.private_nat) == 3
    error_message = "single_nat_gateway must create one NAT gateway used by all private route tables."
  }
}

run "rejects_subnet_count_mismatch" {
  command = plan

  variables {
    isolated_subnets = ["10.0.21.0/24", "10.0.22.0/24"]
  }

  expect_failures = [var.isolated_subnets]
}

