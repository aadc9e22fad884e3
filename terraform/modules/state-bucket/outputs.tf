output "bucket_name" {
  description = "State bucket (backend \"s3\" bucket of the environment's roots)."
  value       = module.state.name
}

output "kms_key_arn" {
  description = "CMK of the state objects."
  value       = module.kms.key_arns["tfstate"]
}
