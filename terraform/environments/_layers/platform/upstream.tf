# The earlier layers this one reads, each from its own state (modules/layer-outputs; scripts/tf-layers.ts).
module "upstream" {
  source = "../../../modules/layer-outputs"

  layers       = ["networking", "security", "data", "compute"]
  state_bucket = module.settings.state_bucket_name
  region       = module.settings.region
}

locals {
  networking = module.upstream.outputs.networking
  security   = module.upstream.outputs.security
  data       = module.upstream.outputs.data
  compute    = module.upstream.outputs.compute
}
