/**
 * The layered Terraform state of every environment (seed 001 "Terraform Layered State
 * Architecture"): one root per layer in terraform/environments/<env>/<layer>/, each with its own
 * state object `layers/<layer>.tfstate` in the environment's state bucket, reading the layers
 * before it with `terraform_remote_state`. Applied in `layers` order, destroyed in reverse.
 *
 * The layer roots call the same child modules the single `modules/platform` root called, under the
 * same module names, so moving an environment's existing state is mechanical
 * (`module.platform.<address>` → `<address>` in its layer's state; scripts/tf-migrate-layers.ts).
 */

/** Layers in apply order. */
export const layers = ['networking', 'security', 'data', 'compute', 'platform', 'observability'] as const;
export type Layer = (typeof layers)[number];

/** Environments with layered AWS roots (local runs on k3s and has none). */
export const terraformEnvironments = ['dev', 'staging', 'prod'] as const;
export type TerraformEnvironment = (typeof terraformEnvironments)[number];

/** Module calls of each layer root (each name is called by exactly one layer). */
export const layerModules: Readonly<Record<Layer, readonly string[]>> = {
  networking: ['network'],
  security: ['kms', 'github_oidc'],
  data: ['data', 'topics', 'secrets', 'dr'],
  compute: ['eks', 'ecr', 'cluster_access'],
  platform: ['workload_identity', 'tenant', 'edge', 'spa'],
  observability: ['flow_log_bucket', 'flow_logs', 'audit', 'alarms'],
};

/**
 * Resources that changed module when the single root was split (old address under
 * `module.platform`, without that prefix → new address in its layer): the VPC flow logs left
 * modules/network for modules/flow-logs so the networking layer needs no key, bucket or IAM
 * boundary from a later layer.
 */
export const movedResources: ReadonlyArray<{ readonly from: string; readonly to: string }> = [
  { from: 'module.network.aws_cloudwatch_log_group.flow_logs', to: 'module.flow_logs.aws_cloudwatch_log_group.flow_logs' },
  { from: 'module.network.aws_iam_role.flow_logs', to: 'module.flow_logs.aws_iam_role.flow_logs' },
  { from: 'module.network.aws_iam_role_policy.flow_logs', to: 'module.flow_logs.aws_iam_role_policy.flow_logs' },
  { from: 'module.network.aws_flow_log.this', to: 'module.flow_logs.aws_flow_log.this' },
  { from: 'module.network.aws_flow_log.s3', to: 'module.flow_logs.aws_flow_log.s3' },
];

/** State object key of a layer in the environment's state bucket. */
export const layerStateKey = (layer: Layer): string => `layers/${layer}.tfstate`;

/** State object key of the single root the layers replace (read once by the migration). */
export const monolithStateKey = 'platform/terraform.tfstate';

/** The layer whose root calls `moduleName`, or undefined. */
export function layerOfModule(moduleName: string): Layer | undefined {
  return layers.find((l) => layerModules[l].includes(moduleName));
}

/** Root folder of a layer, relative to terraform/. */
export const layerDir = (env: TerraformEnvironment, layer: Layer): string => `environments/${env}/${layer}`;

/**
 * Layer outputs read by people and pipelines rather than by a later layer or `npm run tf:outputs`:
 * CI role variables, operator secrets to fill, the cluster's endpoints and access, deploy targets.
 */
export const operatorOutputs: readonly string[] = [
  'github_role_arns', // TF_PLAN_ROLE_ARN / TF_APPLY_ROLE_ARN / CI variables (.github/workflows)
  'bucket_names',
  'queue_names',
  'rds_endpoint',
  'redis_endpoint',
  'secret_properties', // checked against contract.json by the plan test
  'operator_secrets', // values an operator puts in after apply (terraform/README.md)
  'cluster_endpoint',
  'karpenter_node_role_name',
  'karpenter_interruption_queue',
  'break_glass_role_arn',
  'deploy_kubernetes_group',
  'service_role_arns',
  'addon_role_arns',
  'role_names',
  'spa', // the frontend pipeline: bucket and distribution to invalidate
  'alarm_topic_arn',
  'flow_log_group',
];
