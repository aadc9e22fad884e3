output "topic_arns" {
  description = "Topic ARNs by catalog topic name (known at plan time: built from the naming convention)."
  value       = local.topic_arns
}

output "topic_names" {
  description = "Topic names by catalog topic name."
  value       = local.topic_names
}
