# The outputs of earlier layers of the same environment, read from their own state objects
# (`layers/<layer>.tfstate` in the environment's state bucket, scripts/tf-layers.ts layerStateKey):
# one terraform_remote_state per layer read, so every layer root reads them the same way.
data "terraform_remote_state" "layer" {
  for_each = toset(var.layers)

  backend = "s3"
  config = {
    bucket = var.state_bucket
    key    = "layers/${each.key}.tfstate"
    region = var.region
  }
}
