variable "environment" {
  description = "Environment whose state bucket to create (its account and region come from environments/<env>/catalog.json)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}
