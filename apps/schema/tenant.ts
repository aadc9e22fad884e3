/**
 * The schema of one tenant in `apps/tenants/<name>.yaml`.
 *
 * A tenant is `pool` (it shares the platform's services; its rows live in the shared database,
 * isolated by tenant id) or `silo` (every service the catalog marks `tenancy.siloDedicated` runs
 * again in the tenant's own namespace, on the tenant's own queue, under the tenant's own roles).
 * Both modes get their own KMS key, SQS queue (with DLQ) and database identity (terraform/modules/tenant).
 */
import { z } from 'zod';
import { ENVIRONMENT_NAMES, environmentName } from './common.ts';

/**
 * A tenant name: a DNS label short enough for every name derived from it (namespace
 * `tenant-<name>`, IAM roles, SQS queues, the PostgreSQL role `tenant_<name>`).
 */
export const tenantName = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single "-" (starting with a letter)')
  .max(20, 'must be at most 20 characters: it becomes part of IAM role and SQS queue names');

/** One tenant of the catalog. */
export const tenantSchema = z
  .strictObject({
    name: tenantName,
    /** Who the tenant is, for reviewers and dashboards. */
    displayName: z.string().min(2),
    /** `pool`: shared services, rows isolated in the shared schema. `silo`: dedicated workloads and database. */
    mode: z.enum(['pool', 'silo']),
    /** Environments the tenant exists in. @default every environment */
    environments: z
      .array(environmentName)
      .min(1)
      .default([...ENVIRONMENT_NAMES]),
    /** Messages on the tenant's queue per replica of each dedicated worker (silo only). */
    messagesPerReplica: z.number().int().positive().default(10),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.environments.forEach((env, i) => {
      if (seen.has(env)) ctx.addIssue({ code: 'custom', path: ['environments', i], message: `duplicate environment "${env}"` });
      seen.add(env);
    });
  });

/** A tenant declaration as written in YAML, after defaults. */
export type TenantDeclaration = z.infer<typeof tenantSchema>;
/** How a tenant is isolated. */
export type TenancyMode = TenantDeclaration['mode'];
