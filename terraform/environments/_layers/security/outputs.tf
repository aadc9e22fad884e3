output "kms_key_arns" {
  description = "Customer managed key ARN by purpose (modules/kms)."
  value       = module.kms.key_arns
}

output "kms_alias_names" {
  description = "KMS alias by purpose."
  value       = module.kms.alias_names
}

output "permissions_boundary_arn" {
  description = "Permissions boundary of every role the later layers create (the apply role may create roles only with it)."
  value       = module.github_oidc.permissions_boundary_arn
}

output "deploy_role_arn" {
  description = "CI deploy role (mapped into the cluster by the compute layer)."
  value       = module.github_oidc.deploy_role_arn
}

output "github_role_arns" {
  description = "GitHub Actions role ARNs (ci, plan, apply, deploy)."
  value = {
    ci     = module.github_oidc.ci_role_arn
    plan   = module.github_oidc.plan_role_arn
    apply  = module.github_oidc.apply_role_arn
    deploy = module.github_oidc.deploy_role_arn
  }
}
