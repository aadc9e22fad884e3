# The earlier layers this one reads (each its own state in the environment's state bucket; scripts/tf-layers.ts).

data "terraform_remote_state" "networking" {
  backend = "s3"
  config = {
    bucket = module.settings.state_bucket_name
    key    = "layers/networking.tfstate"
    region = module.settings.region
  }
}

data "terraform_remote_state" "security" {
  backend = "s3"
  config = {
    bucket = module.settings.state_bucket_name
    key    = "layers/security.tfstate"
    region = module.settings.region
  }
}

locals {
  networking = data.terraform_remote_state.networking.outputs
  security   = data.terraform_remote_state.security.outputs
}
