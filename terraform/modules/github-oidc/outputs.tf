# Role ARNs are built from the role names (AWS IAM ARN format, default path "/"): known at plan, so
# the layers after security plan against them before the roles exist.
output "ci_role_arn" {
  description = "Role assumed by GitHub Actions on main to push images."
  value       = "${local.iam}:role/${aws_iam_role.this["ci"].name}"
}

output "plan_role_arn" {
  description = "Read-only role assumed by pull request workflows to run terraform plan."
  value       = "${local.iam}:role/${aws_iam_role.this["plan"].name}"
}

output "apply_role_arn" {
  description = "Role assumed by the environment-protected apply job."
  value       = "${local.iam}:role/${aws_iam_role.this["apply"].name}"
}

output "oidc_provider_arn" {
  description = "GitHub Actions OIDC provider ARN."
  value       = aws_iam_openid_connect_provider.github.arn
}

output "deploy_role_arn" {
  description = "Role assumed by the environment-protected job that applies dist/<env>/bootstrap."
  value       = "${local.iam}:role/${aws_iam_role.this["deploy"].name}"
}

output "permissions_boundary_arn" {
  description = "Boundary every role created by the apply role must carry (the apply role may create roles only with it)."
  # Known at plan (so the checks can compare it), and consumers wait for the policy to exist.
  value      = local.boundary_arn
  depends_on = [aws_iam_policy.boundary]
}
