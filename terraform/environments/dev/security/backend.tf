# The security layer's own state in dev's state bucket (scripts/tf-layers.ts layerStateKey); native S3
# locking (use_lockfile), no DynamoDB table. State objects are SSE-KMS under the state bucket's own
# CMK, named by its alias (modules/state-bucket; Terraform 1.11.4's S3 backend accepts an alias/… key id:
# hashicorp/terraform internal/backend/remote-state/s3/validate.go validateKMSKeyID, and S3 PutObject
# takes a key id, key ARN or alias for x-amz-server-side-encryption-aws-kms-key-id).
terraform {
  backend "s3" {
    bucket       = "fintrack-dev-tfstate-111122223333"
    key          = "layers/security.tfstate"
    region       = "us-east-1"
    encrypt      = true
    kms_key_id   = "alias/fintrack-dev-tfstate"
    use_lockfile = true
  }
}
