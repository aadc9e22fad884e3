output "state_bucket" {
  description = "The environment roots' backend bucket (must equal their backend \"s3\" bucket)."
  value       = module.state_bucket.bucket_name
}

output "state_kms_key_arn" {
  description = "CMK of the state objects (the roots' backend kms_key_id)."
  value       = module.state_bucket.kms_key_arn
}
