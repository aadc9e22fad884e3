variable "name_prefix" {
  description = "Role name prefix, e.g. fintrack-prod (the break-glass role is <prefix>-break-glass)."
  type        = string
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

variable "region" {
  description = "AWS region."
  type        = string
}

variable "cluster_name" {
  description = "EKS cluster (authentication mode API)."
  type        = string
}

variable "deploy_role_arn" {
  description = "Role of the CI job that applies dist/<env>/bootstrap (modules/github-oidc deploy)."
  type        = string

  validation {
    condition     = can(regex("^arn:[a-z-]+:iam::[0-9]{12}:role/", var.deploy_role_arn))
    error_message = "deploy_role_arn must be an IAM role ARN."
  }
}

variable "deploy_kubernetes_group" {
  description = "Kubernetes group of the deploy role; must match the RoleBinding subject in dist/<env>/bootstrap."
  type        = string
  default     = "fintrack:bootstrap-deployers"

  validation {
    condition     = !startswith(var.deploy_kubernetes_group, "system:")
    error_message = "deploy_kubernetes_group must not be a system: group (EKS rejects them, and they would grant far more)."
  }
}

variable "tags" {
  description = "Tags added to the role and entries."
  type        = map(string)
  default     = {}
}

variable "permissions_boundary" {
  description = "Permissions boundary every IAM role here carries (github-oidc's workload boundary): the CI apply role may create or edit roles only with it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/boundary/[A-Za-z0-9+=,.@_-]+$", var.permissions_boundary))
    error_message = "permissions_boundary must be an IAM policy ARN under the /boundary/ path."
  }
}
