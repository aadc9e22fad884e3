/**
 * Names of a tenant that are not AWS names: its namespace, Argo CD project and app folder, and its
 * PostgreSQL identity. Terraform (modules/tenant) and the charts derive the same names from the
 * tenant's name alone, so nothing waits for an apply.
 */

/** Namespace of a silo tenant's workloads (also its app folder and AppProject name). */
export function tenantNamespace(tenant: string): string {
  return `tenant-${tenant}`;
}

/**
 * PostgreSQL identity of a tenant (`-` is not valid in an unquoted identifier): the IAM-auth login
 * role of both modes, and the silo tenant's own database.
 */
export function tenantDbIdentity(tenant: string): string {
  return `tenant_${tenant.replaceAll('-', '_')}`;
}
