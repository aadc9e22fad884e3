mock_provider "aws" {}

variables {
  repositories = ["reconciliation-service", "api-gateway"]
  kms_key_arn  = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"
}

run "immutable_scanned_kms_and_lifecycle" {
  command = plan

  assert {
    condition     = alltrue([for r in aws_ecr_repository.this : r.image_tag_mutability == "IMMUTABLE"])
    error_message = "Tags must be IMMUTABLE."
  }

  assert {
    condition     = alltrue([for r in aws_ecr_repository.this : r.image_scanning_configuration[0].scan_on_push])
    error_message = "Images must be scanned on push."
  }

  assert {
    condition     = alltrue([for r in aws_ecr_repository.this : r.encryption_configuration[0].encryption_type == "KMS" && r.encryption_configuration[0].kms_key == var.kms_key_arn])
    error_message = "Repositories must be encrypted with the CMK."
  }

  assert {
    condition = alltrue([for p in aws_ecr_lifecycle_policy.this : (
      jsondecode(p.policy).rules[0].selection.tagStatus == "untagged" && jsondecode(p.policy).rules[0].selection.countNumber == 7 &&
      jsondecode(p.policy).rules[1].selection.tagStatus == "tagged" && jsondecode(p.policy).rules[1].selection.countNumber == 20
    )])
    error_message = "Lifecycle must expire untagged after 7 days and keep the last 20 tagged images."
  }
}

# Validations of three different variables in one run (each must fail; a missing failure fails the run).
run "rejects_uppercase_repository_tiny_history_and_non_kms_key" {
  command = plan

  variables {
    repositories       = ["Payments"]
    keep_tagged_images = 1
    kms_key_arn        = "alias/aws/ecr"
  }

  expect_failures = [var.repositories, var.keep_tagged_images, var.kms_key_arn]
}

