# The security layer's own state in staging's state bucket (scripts/tf-layers.ts layerStateKey); native S3
# locking (use_lockfile), no DynamoDB table.
terraform {
  backend "s3" {
    bucket       = "fintrack-staging-tfstate-222233334444"
    key          = "layers/security.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
