/**
 * The schema of one service declaration in `apps/services/<name>.yaml`.
 *
 * Parsed once at the edge; charts receive the resolved, already-valid result
 * (see `apps/resolve.ts`). Every object is strict: an unknown field is an error, never ignored.
 */
import { z } from 'zod';
import { cpuCores, memoryBytes } from './quantity.ts';
import { cpuQuantity, dnsLabel, ENVIRONMENT_NAMES, httpPath, imageTag, memoryQuantity, port, repositoryName } from './common.ts';

/** Tags Image Updater may move to, per `image.track` (RE2 syntax, as Image Updater evaluates it). */
export const TRACKED_TAGS = {
  'main-builds': '^main-[0-9]+$',
  semver: '^v[0-9]+\\.[0-9]+\\.[0-9]+$',
} as const;

/** Requests and limits of the service container. */
export const resourcesSchema = z.strictObject({
  requests: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }),
  limits: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }),
});

/**
 * Queue-driven scaling: KEDA's `aws-sqs-queue` scaler asks for one replica per
 * `messagesPerReplica` messages on a queue the service consumes.
 */
export const queueScalingSchema = z.strictObject({
  queue: dnsLabel,
  messagesPerReplica: z.number().int().positive(),
});

/**
 * Horizontal autoscaling between `replicas` and `maxReplicas`: an HPA on CPU, or, with `queue`, a
 * KEDA ScaledObject on queue depth and CPU (KEDA then owns the HPA).
 */
export const autoscalingSchema = z.strictObject({
  maxReplicas: z.number().int().min(1),
  cpuUtilization: z.number().int().min(10).max(95),
  queue: queueScalingSchema.optional(),
});

/** PodDisruptionBudget: exactly one of the two fields. */
export const disruptionSchema = z.union([
  z.strictObject({ minAvailable: z.number().int().min(0) }),
  z.strictObject({ maxUnavailable: z.number().int().min(1) }),
]);

/** A Secrets Manager value exposed to the container as an environment variable. */
export const secretSchema = z.strictObject({
  env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an upper-case environment variable name'),
  key: z.string().regex(/^[a-z0-9][a-z0-9/_-]*$/, 'must be a Secrets Manager key relative to the environment prefix'),
  property: z.string().min(1),
});

/** AWS access the service needs; Terraform derives its IAM role policy from this. */
export const awsAccessSchema = z.strictObject({
  rdsIamUser: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a PostgreSQL role name')
    .nullable()
    .default(null),
  s3: z.array(z.strictObject({ bucket: dnsLabel, access: z.enum(['read', 'write', 'read-write']) })).default([]),
  sqs: z.array(z.strictObject({ queue: dnsLabel, access: z.enum(['consume', 'send']) })).default([]),
  /** SNS topics the service publishes to (a flow's `notify.topic` adds its notify service here). */
  sns: z.array(z.strictObject({ topic: dnsLabel, access: z.enum(['publish']) })).default([]),
});

/** Named egress targets the environment resolves to CIDRs and ports. */
export const EGRESS_TARGETS = ['postgres', 'redis', 'aws-apis', 'internet-https'] as const;

/** Network exposure: NetworkPolicy ingress and egress are generated from this. */
export const networkSchema = z.strictObject({
  callers: z.array(dnsLabel).default([]),
  public: z.boolean().default(false),
  egress: z.array(z.enum(EGRESS_TARGETS)).default([]),
});

/** Fields an environment (or a service for one environment) may override. */
export const overridableSchema = z.strictObject({
  replicas: z.number().int().min(1).optional(),
  autoscaling: z.union([autoscalingSchema, z.literal(false)]).optional(),
  disruption: disruptionSchema.optional(),
  resources: resourcesSchema.optional(),
  env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.string()).optional(),
});

/** One service of the catalog. */
export const serviceSchema = z
  .strictObject({
    name: dnsLabel,
    team: dnsLabel,
    description: z.string().min(10),
    class: z.enum(['api', 'worker', 'ml-gpu']),
    image: z.strictObject({
      repository: repositoryName,
      /**
       * The tag a new service starts from in each environment. Once its kustomization exists, the
       * deployed tag lives only in `dist/<env>/<service>/kustomization.yaml` (see README, "Image tags").
       */
      initialTag: imageTag,
      /** Removed: refused with a pointer to the one place the deployed tag lives. */
      tag: z.unknown().optional(),
      /** How Image Updater picks newer tags: CI's `main-<run>` builds, or semver releases. */
      track: z.enum(['main-builds', 'semver']).default('main-builds'),
      /** Tags never to deploy again (e.g. a rolled-back build); Image Updater skips them too. */
      ignoreTags: z.array(imageTag).default([]),
    }),
    port: port.optional(),
    metrics: z.strictObject({ port, path: httpPath.default('/metrics') }),
    probes: z.strictObject({ readiness: httpPath, liveness: httpPath, startup: httpPath.optional() }),
    replicas: z.number().int().min(1),
    autoscaling: autoscalingSchema.optional(),
    disruption: disruptionSchema,
    resources: resourcesSchema,
    gpus: z.number().int().min(1).max(8).optional(),
    placement: z.enum(['on-demand', 'spot', 'gpu-spot']),
    env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an upper-case environment variable name'), z.string()).default({}),
    secrets: z.array(secretSchema).default([]),
    aws: awsAccessSchema.default({ rdsIamUser: null, s3: [], sqs: [], sns: [] }),
    network: networkSchema.default({ callers: [], public: false, egress: [] }),
    mtls: z.boolean().default(false),
    /** Scheduling priority: `critical` pods preempt `standard` ones when capacity runs out. */
    priority: z.enum(['critical', 'standard']).default('standard'),
    /** Alert thresholds; the availability objective is the platform's 99.9%. */
    sla: z
      .strictObject({
        latencyP99Seconds: z.number().positive().max(60).default(1),
        queueBacklog: z.number().int().min(1).default(10000),
      })
      .default({ latencyP99Seconds: 1, queueBacklog: 10000 }),
    environments: z.record(z.string(), overridableSchema).default({}),
  })
  .superRefine((s, ctx) => {
    const fail = (path: PropertyKey[], message: string): void => void ctx.addIssue({ code: 'custom', path, message });
    if (s.class !== 'worker' && s.port === undefined) fail(['port'], `is required for class "${s.class}" (only workers may omit it)`);
    if (s.port !== undefined && s.port === s.metrics.port) fail(['metrics', 'port'], `(${s.metrics.port}) must differ from 'port'`);
    if (s.network.public && s.port === undefined) fail(['network', 'public'], "requires 'port'");
    if (s.network.callers.length > 0 && s.port === undefined)
      fail(['network', 'callers'], "requires 'port': a service without one cannot be called");
    if (s.placement === 'gpu-spot' && s.gpus === undefined) fail(['gpus'], 'is required when \'placement\' is "gpu-spot"');
    if (s.gpus !== undefined && s.placement !== 'gpu-spot') fail(['placement'], `must be "gpu-spot" when 'gpus' (${s.gpus}) is set`);
    const pattern = TRACKED_TAGS[s.image.track];
    if (s.image.tag !== undefined)
      fail(
        ['image', 'tag'],
        `is not read: the deployed tag lives in dist/<env>/${s.name}/kustomization.yaml images[].newTag; change it with \`npm run image -- set <env> ${s.name} <tag>\` (a new service's first tag is image.initialTag)`,
      );
    if (!new RegExp(pattern).test(s.image.initialTag))
      fail(['image', 'initialTag'], `"${s.image.initialTag}" does not match ${pattern}, the tags '${s.image.track}' tracks`);
    if (s.image.ignoreTags.includes(s.image.initialTag))
      fail(['image', 'initialTag'], `"${s.image.initialTag}" is also listed in image.ignoreTags`);
    for (const env of Object.keys(s.environments)) {
      if (!(ENVIRONMENT_NAMES as readonly string[]).includes(env))
        fail(['environments', env], `unknown environment "${env}": expected one of ${ENVIRONMENT_NAMES.join(', ')}`);
    }
    const consumed = new Set(s.aws.sqs.filter((q) => q.access === 'consume').map((q) => q.queue));
    const scaling: [PropertyKey[], Overridable['autoscaling']][] = [
      [['autoscaling'], s.autoscaling],
      ...Object.entries(s.environments).map(([env, o]): [PropertyKey[], Overridable['autoscaling']] => [
        ['environments', env, 'autoscaling'],
        o?.autoscaling,
      ]),
    ];
    for (const [at, a] of scaling) {
      if (a && a.queue && !consumed.has(a.queue.queue))
        fail([...at, 'queue', 'queue'], `"${a.queue.queue}" is not a queue the service consumes (aws.sqs with access "consume")`);
    }
    resourceIssues(s.resources, ['resources'], fail);
    for (const [env, o] of Object.entries(s.environments))
      if (o?.resources) resourceIssues(o.resources, ['environments', env, 'resources'], fail);
    const secretEnvs = new Set<string>();
    s.secrets.forEach((secret, i) => {
      if (secretEnvs.has(secret.env)) fail(['secrets', i, 'env'], `duplicate environment variable "${secret.env}"`);
      if (secret.env in s.env) fail(['secrets', i, 'env'], `"${secret.env}" is also set in 'env'`);
      secretEnvs.add(secret.env);
    });
  });

function resourceIssues(r: z.infer<typeof resourcesSchema>, at: PropertyKey[], fail: (path: PropertyKey[], message: string) => void): void {
  if (cpuCores(r.requests.cpu) > cpuCores(r.limits.cpu))
    fail([...at, 'requests', 'cpu'], `(${r.requests.cpu}) must be <= 'limits.cpu' (${r.limits.cpu})`);
  if (memoryBytes(r.requests.memory) > memoryBytes(r.limits.memory))
    fail([...at, 'requests', 'memory'], `(${r.requests.memory}) must be <= 'limits.memory' (${r.limits.memory})`);
}

/** A service declaration as written in YAML, after defaults. */
export type ServiceDeclaration = z.infer<typeof serviceSchema>;
/** Fields an environment may override. */
export type Overridable = z.infer<typeof overridableSchema>;
/** Container requests and limits. */
export type Resources = z.infer<typeof resourcesSchema>;
/** HPA settings. */
export type Autoscaling = z.infer<typeof autoscalingSchema>;
/** PDB settings. */
export type Disruption = z.infer<typeof disruptionSchema>;
/** A named egress target. */
export type EgressTarget = (typeof EGRESS_TARGETS)[number];
