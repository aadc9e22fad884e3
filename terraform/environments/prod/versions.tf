terraform {
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }

  # Native S3 state locking (use_lockfile); no DynamoDB table.
  backend "s3" {
    bucket       = "fintrack-prod-tfstate-123456789012"
    key          = "platform/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region              = local.region
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = {
      "fintrack.io/environment" = local.environment
      "fintrack.io/managed-by"  = "terraform"
      "fintrack.io/repository"  = "fintrack/platform"
      "fintrack.io/compliance"  = "soc2-pci-dss"
    }
  }
}

# The DR region (without DR, the primary region: nothing uses it then).
provider "aws" {
  alias               = "dr"
  region              = coalesce(local.dr_region, local.region)
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = {
      "fintrack.io/environment" = local.environment
      "fintrack.io/managed-by"  = "terraform"
      "fintrack.io/repository"  = "fintrack/platform"
      "fintrack.io/compliance"  = "soc2-pci-dss"
    }
  }
}

# AWS Chatbot (its API has no us-east-1 endpoint; modules/alarms).
provider "aws" {
  alias               = "chatbot"
  region              = "us-east-2"
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = {
      "fintrack.io/environment" = local.environment
      "fintrack.io/managed-by"  = "terraform"
      "fintrack.io/repository"  = "fintrack/platform"
      "fintrack.io/compliance"  = "soc2-pci-dss"
    }
  }
}
