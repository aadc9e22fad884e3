variable "name_prefix" {
  description = "Role name prefix, e.g. fintrack-prod."
  type        = string
}

variable "environment" {
  description = "GitHub deployment environment allowed to assume the apply role (sub environment:<env>)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "account_id" {
  description = "AWS account id."
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

variable "github_org" {
  description = "GitHub organisation; literal, wildcards rejected so the sub condition names one repository."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}$", var.github_org))
    error_message = "github_org must be a literal GitHub organisation name (no wildcards such as * or ?)."
  }
}

variable "github_repo" {
  description = "GitHub repository name; literal, wildcards rejected."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,100}$", var.github_repo))
    error_message = "github_repo must be a literal repository name (no wildcards such as * or ?)."
  }
}

variable "ecr_repository_arns" {
  description = "Repositories the CI role may push to."
  type        = list(string)
}

variable "state_bucket_name" {
  description = "S3 bucket holding this environment's Terraform state (plan/apply roles read it and write the lock file)."
  type        = string
}

variable "apply_policy_arns" {
  description = "Managed policies for the apply role. IAM is excluded from PowerUserAccess and granted separately, scoped to this environment's names."
  type        = list(string)
  default     = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "cluster_arn" {
  description = "EKS cluster the deploy role may describe (its kubeconfig lookup)."
  type        = string
}
