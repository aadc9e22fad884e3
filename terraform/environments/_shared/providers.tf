# The providers of every environment root (dev, staging and prod link this file): the primary
# region, the DR region and AWS Chatbot's region, each tagging what it creates the same way. Only
# the backend, which cannot read variables, stays in each root's versions.tf.
locals {
  provider_tags = {
    "fintrack.io/environment" = local.environment
    "fintrack.io/managed-by"  = "terraform"
    "fintrack.io/repository"  = "fintrack/platform"
    "fintrack.io/compliance"  = "soc2-pci-dss"
  }
}

provider "aws" {
  region              = local.region
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = local.provider_tags
  }
}

# The DR region (without DR, the primary region: nothing uses it then).
provider "aws" {
  alias               = "dr"
  region              = coalesce(local.dr_region, local.region)
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = local.provider_tags
  }
}

# AWS Chatbot (its API has no us-east-1 endpoint; modules/alarms).
provider "aws" {
  alias               = "chatbot"
  region              = "us-east-2"
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = local.provider_tags
  }
}
