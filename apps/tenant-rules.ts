/**
 * Rules on tenants that need more than their schema: every AWS name derived from a tenant fits
 * its AWS limit in every environment, a tenant namespace never collides with a team's, and a silo
 * tenant has something to run.
 */
import type { CatalogService, CatalogTenant } from './catalog-entries.ts';
import type { CatalogIssue } from './issues.ts';
import { awsNamePrefix } from './service-rules.ts';
import { ENVIRONMENT_NAMES } from './schema/common.ts';
import { tenantNamespace } from './tenant-names.ts';

/** Services every silo tenant runs its own copy of (`tenancy.siloDedicated`). */
export function siloDedicated<S extends Pick<CatalogService, 'spec'>>(services: readonly S[]): S[] {
  return services.filter(({ spec }) => spec.tenancy.siloDedicated);
}

/**
 * The queues the dedicated services consume: a silo tenant's copies use the tenant's own queue in
 * their place (producers' `<QUEUE>_QUEUE_URL` and the consumers' scaling), so its work never passes
 * through a shared queue.
 */
export function tenantWorkQueues<S extends Pick<CatalogService, 'spec'>>(services: readonly S[]): Set<string> {
  return new Set(siloDedicated(services).flatMap(({ spec }) => spec.aws.sqs.filter((q) => q.access === 'consume').map((q) => q.queue)));
}

/** Longest environment name: the names it yields are the longest of any environment. */
const longestEnv = [...ENVIRONMENT_NAMES].sort((a, b) => b.length - a.length)[0]!;

/** Issues of every tenant against the services and teams of the catalog. */
export function tenantIssues(
  tenants: readonly CatalogTenant[],
  services: readonly CatalogService[],
  teams: readonly string[],
): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const dedicated = siloDedicated(services);
  for (const { file, spec } of tenants) {
    const stem = `${awsNamePrefix(longestEnv)}-tenant-${spec.name}`; // terraform/modules/tenant/main.tf, local.name
    // Amazon SQS API reference, CreateQueue: QueueName up to 80 characters (the DLQ appends "-dlq").
    if (`${stem}-dlq`.length > 80)
      issues.push({
        file,
        path: 'name',
        message: `SQS dead-letter queue name "${stem}-dlq" is ${stem.length + 4} characters; the limit is 80`,
      });
    if (teams.includes(tenantNamespace(spec.name)))
      issues.push({ file, path: 'name', message: `namespace "${tenantNamespace(spec.name)}" is already a team in apps/teams.yaml` });
    if (spec.mode !== 'silo') continue;
    if (dedicated.length === 0)
      issues.push({
        file,
        path: 'mode',
        message:
          '"silo" needs at least one service with tenancy.siloDedicated: true in apps/services/ (nothing would run in its namespace)',
      });
    for (const svc of dedicated) {
      const role = `${stem}-${svc.spec.name}`;
      // AWS IAM API reference, CreateRole: RoleName length 1-64.
      if (role.length > 64)
        issues.push({
          file,
          path: 'name',
          message: `IAM role name "${role}" (${role.length} characters) exceeds 64, the IAM CreateRole limit: shorten the tenant name`,
          related: { file: svc.file, path: 'tenancy.siloDedicated' },
        });
    }
  }
  return issues;
}
