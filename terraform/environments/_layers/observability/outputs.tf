output "alarm_topic_arn" {
  description = "SNS topic of the CloudWatch alarms (subscribe other receivers here)."
  value       = module.alarms.topic_arn
}

output "flow_log_group" {
  description = "CloudWatch log group of the VPC flow logs."
  value       = module.flow_logs.log_group_name
}
