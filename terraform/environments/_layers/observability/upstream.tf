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

data "terraform_remote_state" "data" {
  backend = "s3"
  config = {
    bucket = module.settings.state_bucket_name
    key    = "layers/data.tfstate"
    region = module.settings.region
  }
}

data "terraform_remote_state" "platform" {
  backend = "s3"
  config = {
    bucket = module.settings.state_bucket_name
    key    = "layers/platform.tfstate"
    region = module.settings.region
  }
}

locals {
  networking = data.terraform_remote_state.networking.outputs
  security   = data.terraform_remote_state.security.outputs
  data       = data.terraform_remote_state.data.outputs
  platform   = data.terraform_remote_state.platform.outputs
}
