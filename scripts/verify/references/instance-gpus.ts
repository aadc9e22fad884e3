/**
 * NVIDIA GPUs per EC2 instance type for the GPU families NodePools may allow, from the AWS
 * "Accelerated computing instance specifications" table
 * (https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html). Karpenter publishes the same
 * number as the `karpenter.k8s.aws/instance-gpu-count` label. Types not listed are unknown.
 */

// Families with accelerators (AWS accelerated computing: g*, p*, dl*, vt*); every other family
// (general purpose, compute, memory, storage optimized) has no NVIDIA GPU.
const ACCELERATED_FAMILY = /^(g|p|dl|vt)\d/;
const ONE_GPU_SIZES = ['xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'];

/** GPUs of each known instance type. */
export const INSTANCE_GPUS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(ONE_GPU_SIZES.flatMap((s) => ['g4dn', 'g5', 'g6', 'g6e'].map((f) => [`${f}.${s}`, 1]))),
  'g4dn.12xlarge': 4,
  'g4dn.metal': 8,
  'g5.12xlarge': 4,
  'g5.24xlarge': 4,
  'g5.48xlarge': 8,
  'g6.12xlarge': 4,
  'g6.24xlarge': 4,
  'g6.48xlarge': 8,
  'g6e.12xlarge': 4,
  'g6e.24xlarge': 4,
  'g6e.48xlarge': 8,
  'p3.2xlarge': 1,
  'p3.8xlarge': 4,
  'p3.16xlarge': 8,
  'p3dn.24xlarge': 8,
  'p4d.24xlarge': 8,
  'p5.48xlarge': 8,
};

/** The most GPUs an instance of `family` has, or undefined when the family is unknown. */
export function familyMaxGpus(family: string): number | undefined {
  if (!ACCELERATED_FAMILY.test(family)) return 0;
  const counts = Object.entries(INSTANCE_GPUS)
    .filter(([t]) => t.startsWith(`${family}.`))
    .map(([, n]) => n);
  return counts.length > 0 ? Math.max(...counts) : undefined;
}

/** GPUs of an instance type: from the table, 0 for non-accelerated families, else undefined. */
export function instanceGpus(type: string): number | undefined {
  return INSTANCE_GPUS[type] ?? (ACCELERATED_FAMILY.test(type) ? undefined : 0);
}
