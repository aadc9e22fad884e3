variable "name_prefix" {
  description = "Name prefix, e.g. fintrack-prod: topics become <prefix>-<topic> (AwsNames.topicName in apps/aws-names.ts)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and dashes (3-31 chars)."
  }
}

variable "account_id" {
  description = "AWS account id (ARNs are built without an AWS call)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "partition" {
  description = "AWS partition."
  type        = string
  default     = "aws"
}

variable "region" {
  description = "AWS region of the topics."
  type        = string
}

variable "topics" {
  description = "Catalog topic names and the IAM role ARNs allowed to publish to each (the catalog's aws.sns publishers, derived from apps/flows/*.yaml)."
  type = map(object({
    publisher_role_arns = list(string)
  }))

  validation {
    condition     = alltrue([for t, _ in var.topics : can(regex("^[a-z0-9][a-z0-9-]{1,60}$", t))])
    error_message = "topic names must be lowercase letters, digits and dashes."
  }

  validation {
    condition     = alltrue([for _, v in var.topics : length(v.publisher_role_arns) > 0])
    error_message = "every topic needs at least one publisher role: a topic nobody publishes to is dead weight."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key encrypting every topic (server-side encryption)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (a customer-managed key, not the alias/aws/sns default)."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
