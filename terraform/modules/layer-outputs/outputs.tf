output "outputs" {
  description = "Outputs of each layer read, by layer."
  value       = { for layer, state in data.terraform_remote_state.layer : layer => state.outputs }
}
