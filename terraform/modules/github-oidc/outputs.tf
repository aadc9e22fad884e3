output "ci_role_arn" {
  description = "Role assumed by GitHub Actions on main to push images."
  value       = aws_iam_role.this["ci"].arn
}

output "plan_role_arn" {
  description = "Read-only role assumed by pull request workflows to run terraform plan."
  value       = aws_iam_role.this["plan"].arn
}

output "apply_role_arn" {
  description = "Role assumed by the environment-protected apply job."
  value       = aws_iam_role.this["apply"].arn
}

output "oidc_provider_arn" {
  description = "GitHub Actions OIDC provider ARN."
  value       = aws_iam_openid_connect_provider.github.arn
}

output "deploy_role_arn" {
  description = "Role assumed by the environment-protected job that applies dist/<env>/bootstrap."
  value       = aws_iam_role.this["deploy"].arn
}

output "permissions_boundary_arn" {
  description = "Boundary every role created by the apply role must carry (the apply role may create roles only with it)."
  # Known at plan (so the checks can compare it), and consumers wait for the policy to exist.
  value      = local.boundary_arn
  depends_on = [aws_iam_policy.boundary]
}
