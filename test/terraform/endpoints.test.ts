/** endpoints.ts: the catalog's AWS APIs against the plan's interface endpoints. */
import { describe, expect, it } from 'vitest';
import type { PlanJson } from './checks/plan.ts';
import { endpointProblems, neededEndpoints, type EndpointCatalog } from './endpoints.ts';

const endpoint = (name: string, privateDns = true) => ({
  address: `module.network.aws_vpc_endpoint.interface["${name}"]`,
  mode: 'managed' as const,
  type: 'aws_vpc_endpoint',
  name: 'interface',
  index: name,
  change: { actions: ['create'], after: { vpc_endpoint_type: 'Interface', private_dns_enabled: privateDns, service_name: `com.amazonaws.us-east-1.${name}` }, after_unknown: {} },
});
const plan = (...names: string[]): PlanJson => ({ resource_changes: names.map((n) => endpoint(n)) });
const catalog = (aws: EndpointCatalog['services'][number]['aws']): EndpointCatalog => ({ region: 'us-east-1', secrets: [{}], services: [{ name: 'notifier', aws }] });

describe('interface endpoints for the catalog', () => {
  it('needs STS, KMS and Secrets Manager always, and S3/SQS/SNS where a service uses them', () => {
    expect([...neededEndpoints(catalog({ sns: [{}] })).keys()].sort()).toEqual(['kms', 'secretsmanager', 'sns', 'sts']);
  });

  it('passes when every needed API has an endpoint with private DNS', () => {
    expect(endpointProblems(plan('sts', 'kms', 'secretsmanager', 'sns'), catalog({ sns: [{}] }))).toEqual([]);
  });

  it('names the API and the services when a publisher has no SNS endpoint', () => {
    expect(endpointProblems(plan('sts', 'kms', 'secretsmanager'), catalog({ sns: [{}] }))).toEqual([
      'no interface endpoint com.amazonaws.us-east-1.sns with private DNS, needed by notifier: their aws-apis egress reaches only the VPC CIDR',
    ]);
  });

  it('does not count an endpoint without private DNS', () => {
    const p: PlanJson = { resource_changes: [endpoint('sts'), endpoint('kms'), endpoint('secretsmanager'), endpoint('sqs', false)] };
    expect(endpointProblems(p, catalog({ sqs: [{}] }))).toHaveLength(1);
  });
});
