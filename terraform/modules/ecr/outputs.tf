output "repository_arns" {
  description = "Repository ARN by name."
  value       = { for k, v in aws_ecr_repository.this : k => v.arn }
}

output "repository_urls" {
  description = "Repository URL by name."
  value       = { for k, v in aws_ecr_repository.this : k => v.repository_url }
}
