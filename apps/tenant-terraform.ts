/**
 * What synth hands Terraform and verify about tenants (apps/terraform-catalog.ts adds these to
 * `catalog.json` and `contract.json`): per tenant its key alias, queue, database identity and the
 * roles modules/tenant creates, every name derived with {@link AwsNames} and apps/tenant-names.ts.
 */
import { tenantsIn } from './resolve-tenants.ts';
import type { ResolvedEnvironment } from './resolved-environment.ts';
import { siloDedicated, tenantWorkQueues } from './tenant-rules.ts';
import { tenantDbIdentity, tenantNamespace } from './tenant-names.ts';

/** The `tenants` section of an environment's catalog.json (input of modules/tenant, one call per tenant). */
export function tenantTerraformCatalog(model: ResolvedEnvironment): Record<string, unknown>[] {
  const dedicated = siloDedicated(model.services);
  const workQueues = tenantWorkQueues(model.services);
  return tenantsIn(model).map(({ spec: t }) => ({
    name: t.name,
    mode: t.mode,
    namespace: t.mode === 'silo' ? tenantNamespace(t.name) : null,
    dbUser: tenantDbIdentity(t.name),
    // Silo: its own database on the shared instance; pool: rows in the shared database (row-level security).
    database: t.mode === 'silo' ? tenantDbIdentity(t.name) : null,
    // Silo: one IRSA role per dedicated service copy; KEDA reads the tenant queue as that role
    // wherever the copy is queue-scaled (apps/resolve-tenants.ts).
    workloads:
      t.mode === 'silo' ? dedicated.map(({ spec, settings }) => ({ service: spec.name, kedaScaled: Boolean(settings.autoscaling) })) : [],
    // Objects only under tenants/<name>/ of the buckets the dedicated services use; the shared
    // queues they send to (e.g. notifications).
    buckets: [...new Set(dedicated.flatMap(({ spec }) => spec.aws.s3.map((b) => b.bucket)))].sort(),
    // Work queues (consumed by a dedicated service) are replaced by the tenant's own queue.
    sendQueues: [
      ...new Set(
        dedicated.flatMap(({ spec }) => spec.aws.sqs.filter((q) => q.access === 'send' && !workQueues.has(q.queue)).map((q) => q.queue)),
      ),
    ].sort(),
    // Pool: the shared copies of the dedicated services assume the tenant's access role per request.
    assumedBy: t.mode === 'pool' ? dedicated.map(({ spec }) => spec.name) : [],
  }));
}

/** The `tenants` section of an environment's contract.json, and the roles and queues it adds. */
export function tenantContract(model: ResolvedEnvironment): {
  tenants: {
    name: string;
    mode: 'pool' | 'silo';
    keyAlias: string;
    queue: string;
    roles: string[];
    dbUser: string;
    database: string | null;
  }[];
  roles: { arn: string; name: string; serviceAccount: string | null }[];
  queues: string[];
} {
  const n = model.env.names;
  const dedicated = siloDedicated(model.services);
  const tenants = tenantsIn(model).map(({ spec: t }) => {
    const roles: { arn: string; name: string; serviceAccount: string | null }[] =
      t.mode === 'silo'
        ? dedicated.map(({ spec }) => ({
            arn: n.roleArn(n.tenantWorkloadRoleName(t.name, spec.name)),
            name: n.tenantWorkloadRoleName(t.name, spec.name),
            serviceAccount: `${tenantNamespace(t.name)}/${spec.name}`,
          }))
        : [{ arn: n.roleArn(n.tenantAccessRoleName(t.name)), name: n.tenantAccessRoleName(t.name), serviceAccount: null }];
    return { spec: t, roles };
  });
  return {
    tenants: tenants.map(({ spec: t, roles }) => ({
      name: t.name,
      mode: t.mode,
      keyAlias: n.tenantKeyAlias(t.name),
      queue: n.tenantQueueName(t.name),
      roles: roles.map((r) => r.arn),
      dbUser: tenantDbIdentity(t.name),
      database: t.mode === 'silo' ? tenantDbIdentity(t.name) : null,
      ...(t.mode === 'pool' ? { assumedBy: dedicated.map(({ role, namespace }) => ({ role: role.arn, namespace })) } : {}),
    })),
    roles: tenants.flatMap((t) => t.roles),
    queues: tenants.map(({ spec: t }) => n.tenantQueueName(t.name)),
  };
}
