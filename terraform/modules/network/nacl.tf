# --- Data-tier NACL ---------------------------------------------------------------------------
# A second, stateless layer under the data stores' security groups (seed 001: "custom NACLs on
# isolated subnets — only allow ingress from private subnet CIDRs on database ports"). A custom
# NACL denies everything its rules do not allow, and being stateless it needs the return traffic
# explicitly: replies to the private subnets leave on ephemeral ports (1024-65535).
# Between the isolated subnets themselves all TCP is allowed: the data stores' nodes replicate
# across AZs (Multi-AZ standby, Redis replicas and cluster bus) on ports AWS does not fix.

locals {
  nacl_client_rules = flatten([
    for ci, cidr in var.private_subnets : [
      for pi, port in var.isolated_ports : { rule_no = 100 + ci * 10 + pi, cidr = cidr, port = port }
    ]
  ])
}

resource "aws_network_acl" "isolated" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = [for s in aws_subnet.isolated : s.id]

  dynamic "ingress" {
    for_each = local.nacl_client_rules

    content {
      rule_no    = ingress.value.rule_no
      action     = "allow"
      protocol   = "tcp"
      cidr_block = ingress.value.cidr
      from_port  = ingress.value.port
      to_port    = ingress.value.port
    }
  }

  dynamic "ingress" {
    for_each = var.isolated_subnets

    content {
      rule_no    = 200 + ingress.key
      action     = "allow"
      protocol   = "tcp"
      cidr_block = ingress.value
      from_port  = 0
      to_port    = 65535
    }
  }

  dynamic "egress" {
    for_each = var.private_subnets

    content {
      rule_no    = 100 + egress.key
      action     = "allow"
      protocol   = "tcp"
      cidr_block = egress.value
      from_port  = 1024
      to_port    = 65535
    }
  }

  dynamic "egress" {
    for_each = var.isolated_subnets

    content {
      rule_no    = 200 + egress.key
      action     = "allow"
      protocol   = "tcp"
      cidr_block = egress.value
      from_port  = 0
      to_port    = 65535
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-isolated", tier = "isolated" })
}
