output "topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms."
  value       = sort([for a in aws_cloudwatch_metric_alarm.this : a.alarm_name])
}
