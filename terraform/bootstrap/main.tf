# Creates and hardens one environment's Terraform state bucket, before any other root exists.
# Run by an administrator once per account: terraform apply -var environment=<env>.

locals {
  # The environment facts synth writes (the single source the roots read too).
  catalog    = jsondecode(file("${path.module}/../environments/${var.environment}/catalog.json"))
  account_id = local.catalog.accountId
  region     = local.catalog.region
}

module "state_bucket" {
  source = "../modules/state-bucket"

  name_prefix = "fintrack-${var.environment}"
  account_id  = local.account_id
  region      = local.region
}
