/**
 * Small zod building blocks shared by the catalog schemas.
 */
import { z } from 'zod';

/** A DNS-1123 label: Kubernetes object names, namespaces, service names. */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS-1123 label (lower-case alphanumerics and "-", at most 63)');

/** A Kubernetes CPU quantity such as `250m` or `2`. */
export const cpuQuantity = z.string().regex(/^([0-9]+m|[0-9]+(\.[0-9]+)?)$/, 'must be a CPU quantity such as "250m" or "1"');

/** A Kubernetes memory quantity in binary units such as `512Mi` or `2Gi`. */
export const memoryQuantity = z.string().regex(/^[0-9]+(Ki|Mi|Gi|Ti)$/, 'must be a memory quantity in Ki, Mi, Gi or Ti such as "512Mi"');

/**
 * An OCI image tag. `latest` is refused: a moving tag makes the rendered output lie about what runs.
 */
export const imageTag = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})')
  .refine((tag) => tag !== 'latest', 'must not be "latest": pin an immutable tag');

/** An ECR repository name (lower-case path segments). */
export const repositoryName = z
  .string()
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, 'must be a repository name such as "payments-service"');

/** An HTTP path beginning with `/`. */
export const httpPath = z.string().regex(/^\/[A-Za-z0-9._~/-]*$/, 'must be an absolute HTTP path such as "/healthz"');

/** A TCP port number that a non-root container may bind. */
export const port = z.number().int().min(1024, 'must be >= 1024 (containers run as non-root)').max(65535);

/** An IPv4 CIDR block. */
export const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as "10.0.0.0/16"');

/** The environments this platform knows, in promotion order (`local` is a single k3s node, never promoted from). */
export const ENVIRONMENT_NAMES = ['local', 'dev', 'staging', 'prod'] as const;
/** The name of one environment. */
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];
/** Zod schema of an environment name. */
export const environmentName = z.enum(ENVIRONMENT_NAMES);
