variable "secrets" {
  description = "Secrets the ExternalSecrets read (catalog.json `secrets`): full name, key, JSON properties, who writes the value, and the role ARNs allowed to read it."
  type = list(object({
    name       = string
    key        = string
    source     = string
    properties = list(string)
    readers    = list(string)
  }))

  validation {
    condition     = alltrue([for s in var.secrets : contains(["terraform", "operator"], s.source)])
    error_message = "secrets[*].source must be terraform or operator."
  }

  validation {
    condition     = alltrue([for s in var.secrets : length(s.readers) > 0 && alltrue([for r in s.readers : can(regex("^arn:[a-z-]+:iam::[0-9]{12}:role/", r))])])
    error_message = "secrets[*].readers must be non-empty lists of IAM role ARNs."
  }

  validation {
    condition     = length(distinct([for s in var.secrets : s.name])) == length(var.secrets)
    error_message = "secrets[*].name must be unique."
  }
}

variable "values" {
  description = "Values Terraform writes, by secret name: property => value (only for source = terraform; must cover exactly its properties)."
  type        = map(map(string))
  default     = {}
}

variable "kms_key_arn" {
  description = "CMK encrypting every secret."
  type        = string
}

variable "recovery_window_in_days" {
  description = "Days a deleted secret can be restored."
  type        = number
  default     = 30

  validation {
    condition     = var.recovery_window_in_days >= 7 && var.recovery_window_in_days <= 30
    error_message = "recovery_window_in_days must be between 7 and 30."
  }
}

variable "replica" {
  description = "Secrets Manager replica of every secret in a DR region, encrypted with a CMK there; null: no replica."
  type = object({
    region      = string
    kms_key_arn = string
  })
  default = null
}

variable "tags" {
  description = "Tags added to every secret."
  type        = map(string)
  default     = {}
}
