# KEDA reads SQS queue depth as the scaled workload's own role (TriggerAuthentication podIdentity
# provider "aws", identityOwner "workload"). Its operator first calls AssumeRoleWithWebIdentity on
# that role with its own service-account token and only falls back to sts:AssumeRole from its own
# role (kedacore/keda v2.20.2 pkg/scalers/aws/aws_config_cache.go, retrievePodIdentityCredentials).
# So each KEDA-scaled service role also trusts the operator's service account, and nothing else
# changes: the operator's own role carries no permissions.

variable "keda_scaled_services" {
  description = "Catalog services whose queue KEDA reads as the service's role (catalog.json kedaScaled)."
  type        = set(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.keda_scaled_services : contains(keys(var.services), s)])
    error_message = "keda_scaled_services must name services in var.services."
  }
}

variable "keda_operator" {
  description = "Namespace and service account of the KEDA operator (apps/terraform-catalog.ts ADDON_IDENTITIES)."
  type = object({
    namespace       = string
    service_account = string
  })
  default = { namespace = "keda", service_account = "keda-operator" }
}

locals {
  # The operator's role needs no statement of its own: AssumeRoleWithWebIdentity is granted by
  # the target role's trust policy alone.
  keda_operator_statements = []
}

data "aws_iam_policy_document" "keda_trust" {
  for_each = var.keda_scaled_services

  statement {
    sid     = "KedaOperatorReadsQueueDepth"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:sub"
      values   = ["system:serviceaccount:${var.keda_operator.namespace}:${var.keda_operator.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}
