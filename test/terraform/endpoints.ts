/**
 * Cross-layer: every AWS API the catalog's workloads call is reachable the way their NetworkPolicies
 * allow. Pods reach AWS only through the `aws-apis` egress rule (443 to the VPC CIDR, apps/resolve.ts),
 * so each API needs an interface endpoint with private DNS in the VPC (modules/network): STS for IRSA,
 * Secrets Manager for External Secrets, KMS with every SSE-KMS call, and S3, SQS and SNS where a
 * service of catalog.json uses them.
 */
import { resources, type PlanJson } from './checks/plan.ts';

/** The parts of terraform/environments/<env>/catalog.json read here. */
export interface EndpointCatalog {
  readonly region: string;
  readonly secrets: readonly unknown[];
  readonly services: readonly { name: string; aws: { s3?: readonly unknown[]; sqs?: readonly unknown[]; sns?: readonly unknown[] } }[];
}

/** Endpoint short names (com.amazonaws.<region>.<name>) the catalog needs, with who needs each. */
export function neededEndpoints(catalog: EndpointCatalog): Map<string, string> {
  const needs = new Map<string, string>([
    ['sts', 'IRSA (every workload role)'],
    ['kms', 'SSE-KMS on every store'],
  ]);
  if (catalog.secrets.length) needs.set('secretsmanager', 'External Secrets');
  for (const api of ['s3', 'sqs', 'sns'] as const) {
    const users = catalog.services.filter((s) => (s.aws[api] ?? []).length > 0).map((s) => s.name);
    if (users.length) needs.set(api, users.join(', '));
  }
  return needs;
}

/** Problems: a needed API without an interface endpoint with private DNS in the plan. */
export function endpointProblems(plan: PlanJson, catalog: EndpointCatalog): string[] {
  const present = new Set(
    resources(plan, 'aws_vpc_endpoint')
      .filter((e) => e.values.vpc_endpoint_type === 'Interface' && e.values.private_dns_enabled === true)
      .map((e) => String(e.values.service_name)),
  );
  return [...neededEndpoints(catalog)]
    .filter(([api]) => !present.has(`com.amazonaws.${catalog.region}.${api}`))
    .map(([api, who]) => `no interface endpoint com.amazonaws.${catalog.region}.${api} with private DNS, needed by ${who}: their aws-apis egress reaches only the VPC CIDR`);
}
