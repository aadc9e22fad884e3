/**
 * The shape of the network contract (the `network` parts of terraform/environments/<env>/catalog.json),
 * apart from its loader so the model can name the type without importing the loader.
 */
import { z } from 'zod';

const target = z.object({
  cidrs: z.array(z.string()),
  except: z.array(z.string()).default([]),
  ports: z.array(z.number().int().min(1).max(65535)),
});

/** Pods addressed by namespace and labels: an in-cluster egress target, or the ingress controller. */
const pods = z.object({
  namespace: z.string(),
  labels: z.record(z.string(), z.string()),
  ports: z.array(z.number().int().min(1).max(65535)).default([]),
});

/** The network part of one environment's catalog.json (or, without Terraform, of dist/<env>/network.json). */
export const networkContractSchema = z.object({
  network: z.object({
    vpcCidr: z.string(),
    targets: z.record(z.string(), target),
    /** Egress targets that are pods of the cluster (k3s: the in-cluster PostgreSQL and Redis). @default {} */
    podTargets: z.record(z.string(), pods).optional(),
    /** Where public traffic comes from when it is pods, not the VPC (k3s: Traefik). @default - the VPC */
    publicFrom: pods.optional(),
  }),
  services: z.array(
    z.object({
      name: z.string(),
      namespace: z.string(),
      network: z.object({ callers: z.array(z.string()), public: z.boolean(), egress: z.array(z.string()) }),
    }),
  ),
});

/** One environment's network contract. */
export type NetworkContract = z.infer<typeof networkContractSchema>;
