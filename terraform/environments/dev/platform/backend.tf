# The platform layer's own state in dev's state bucket (scripts/tf-layers.ts layerStateKey); native S3
# locking (use_lockfile), no DynamoDB table.
terraform {
  backend "s3" {
    bucket       = "fintrack-dev-tfstate-111122223333"
    key          = "layers/platform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
