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
    bucket       = "fintrack-staging-tfstate-222233334444"
    key          = "platform/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
