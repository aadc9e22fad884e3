variables {
  layers       = ["networking", "security"]
  state_bucket = "fintrack-test-tfstate-123456789012"
  region       = "us-east-1"
}

# Each layer read comes from its own state object, and its outputs land under its name.
run "reads_each_layer_from_its_own_state_object" {
  command = plan

  override_data {
    target = data.terraform_remote_state.layer["networking"]
    values = { outputs = { vpc_id = "vpc-0123456789abcdef0" } }
  }

  override_data {
    target = data.terraform_remote_state.layer["security"]
    values = { outputs = { permissions_boundary_arn = "arn:aws:iam::123456789012:policy/boundary/b" } }
  }

  assert {
    condition     = data.terraform_remote_state.layer["security"].config.key == "layers/security.tfstate" && data.terraform_remote_state.layer["networking"].config.bucket == var.state_bucket
    error_message = "A layer's state object is layers/<layer>.tfstate in the environment's state bucket (scripts/tf-layers.ts layerStateKey)."
  }

  assert {
    condition     = output.outputs.networking.vpc_id == "vpc-0123456789abcdef0" && keys(output.outputs) == ["networking", "security"]
    error_message = "Outputs are keyed by the layer they come from."
  }
}

run "rejects_an_unknown_layer" {
  command = plan

  variables {
    layers = ["database"]
  }

  expect_failures = [var.layers]
}
