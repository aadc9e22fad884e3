output "trail_arn" {
  description = "The multi-region CloudTrail trail."
  value       = aws_cloudtrail.this.arn
}

output "bucket_name" {
  description = "Object-locked bucket holding CloudTrail and Config logs."
  value       = aws_s3_bucket.audit.id
}

output "kms_key_arn" {
  description = "KMS key of the audit logs."
  value       = aws_kms_key.audit.arn
}

output "guardduty_detector_id" {
  description = "GuardDuty detector id."
  value       = aws_guardduty_detector.this.id
}
