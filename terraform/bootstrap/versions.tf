terraform {
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }

  # Local state on the first apply (the bucket does not exist yet); then move this root's state into
  # the bucket it created (terraform/README.md "State bucket bootstrap").
}

provider "aws" {
  region              = local.region
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = {
      "fintrack.io/environment" = var.environment
      "fintrack.io/managed-by"  = "terraform"
      "fintrack.io/repository"  = "fintrack/platform"
      "fintrack.io/compliance"  = "soc2-pci-dss"
    }
  }
}
