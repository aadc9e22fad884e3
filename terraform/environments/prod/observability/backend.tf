# The observability layer's own state in prod's state bucket (scripts/tf-layers.ts layerStateKey); native S3
# locking (use_lockfile), no DynamoDB table.
terraform {
  backend "s3" {
    bucket       = "fintrack-prod-tfstate-123456789012"
    key          = "layers/observability.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
