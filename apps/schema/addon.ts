/**
 * The schema of one platform add-on in `apps/addons/<name>.yaml`: a Helm chart pinned to an exact
 * version, where and when it syncs, and the plain per-environment settings its values builder
 * (`apps/addons/values/<name>.ts`) reads. Values that come from AWS (role ARNs, buckets, queues,
 * cluster name, region, VPC, domain) are never written here: the builder takes them from the
 * environment and its Terraform outputs.
 */
import { z } from 'zod';
import { dnsLabel, ENVIRONMENT_NAMES, environmentName, memoryQuantity } from './common.ts';

/** Every add-on the platform knows; each has a values builder in `apps/addons/values/`. */
export const ADDON_NAMES = [
  'argo-cd',
  'argocd-image-updater',
  'aws-load-balancer-controller',
  'cert-manager',
  'external-dns',
  'external-secrets',
  'fluent-bit',
  'gatekeeper',
  'karpenter',
  'keda',
  'kube-prometheus-stack',
  'loki',
  'metrics-server',
  'nvidia-device-plugin',
  'trivy-operator',
] as const;
/** The name of one add-on. */
export type AddonName = (typeof ADDON_NAMES)[number];

/**
 * An exact chart version (SemVer 2, optionally prefixed with `v` as cert-manager's charts are).
 * Ranges (`^1.2.0`, `~1.2`, `>=1`, `1.x`), `*` and `latest` are refused: Argo CD would resolve them
 * at sync time, so `dist/` would no longer say what runs.
 */
export const chartVersion = z
  .string()
  .refine((v) => v !== 'latest' && v !== '*', 'must not be "latest" or "*": pin an exact chart version')
  .refine(
    (v) => v === 'latest' || v === '*' || /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v),
    'must be an exact chart version such as "1.14.1" (no ranges)',
  );

/** A Helm repository: an https chart repository or an OCI registry host/path (no scheme). */
export const helmRepoURL = z
  .string()
  .regex(
    /^(https:\/\/[a-z0-9.-]+(\/[A-Za-z0-9._~-]+)*\/?|[a-z0-9.-]+\.[a-z]{2,}(\/[a-z0-9._-]+)+)$/,
    'must be an https Helm repository URL or an OCI registry path such as "public.ecr.aws/karpenter"',
  );

/** The first Gatekeeper chart version where CEL templates are stable (PLATFORM.md §4). */
export const GATEKEEPER_MIN_VERSION = '3.18.0';

/** Plain per-environment settings; each values builder declares which ones it needs. */
export const addonSettingsSchema = z.strictObject({
  /** Replicas of the add-on's main workload. */
  replicas: z.number().int().min(1).optional(),
  /** How long data (metrics, logs) is kept, in days. */
  retentionDays: z.number().int().min(1).max(400).optional(),
  /** Size of the add-on's persistent volume. */
  storageSize: memoryQuantity.optional(),
  /** StorageClass of that volume (`local-path` is the class k3s ships). */
  storageClass: z.enum(['gp3', 'gp2', 'local-path']).optional(),
  /** Log level of the add-on. */
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});

/** One add-on declaration. */
export const addonSchema = z
  .strictObject({
    name: z.enum(ADDON_NAMES),
    namespace: dnsLabel,
    description: z.string().min(10),
    chart: z.strictObject({
      repoURL: helmRepoURL,
      chart: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a chart name such as "karpenter"'),
      version: chartVersion,
    }),
    syncWave: z.enum(['crdAddons', 'addons']),
    /** Server-side apply: needed for charts with large CRDs (the 256 KiB last-applied limit). */
    serverSideApply: z.boolean().default(false),
    environments: z.array(environmentName).min(1),
    settings: z.record(z.string(), addonSettingsSchema).default({}),
  })
  .superRefine((a, ctx) => {
    for (const env of Object.keys(a.settings)) {
      if (!(ENVIRONMENT_NAMES as readonly string[]).includes(env)) {
        ctx.addIssue({
          code: 'custom',
          path: ['settings', env],
          message: `unknown environment "${env}": expected one of ${ENVIRONMENT_NAMES.join(', ')}`,
        });
      } else if (!(a.environments as readonly string[]).includes(env)) {
        ctx.addIssue({ code: 'custom', path: ['settings', env], message: `"${a.name}" does not run in ${env} (not in 'environments')` });
      }
    }
    const seen = new Set<string>();
    a.environments.forEach((env, i) => {
      if (seen.has(env)) ctx.addIssue({ code: 'custom', path: ['environments', i], message: `duplicate environment "${env}"` });
      seen.add(env);
    });
  });

/** An add-on declaration after defaults. */
export type AddonDeclaration = z.infer<typeof addonSchema>;
/** Plain per-environment settings of an add-on. */
export type AddonSettings = z.infer<typeof addonSettingsSchema>;
