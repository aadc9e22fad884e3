/**
 * What synth hands Terraform for one environment, from the same catalog it renders dist/ from:
 *
 * - `terraform/environments/<env>/catalog.json`: services (namespaces, service accounts, AWS
 *   needs), add-on identities, buckets, queues and secrets; Terraform creates resources from it.
 * - `terraform/environments/<env>/contract.json`: every conventional AWS name dist/ may reference
 *   (apps/aws-names.ts). `npm run verify` checks dist/ against it and the Terraform plan test checks
 *   the plan creates exactly those names, so charts and AWS base cannot drift apart.
 */
import type { Catalog, CatalogEnvironment } from './catalog.ts';
import { edgeHosts } from './edge.ts';
import { catalogQueues, catalogTopics, platformSecrets } from './platform-secrets.ts';
import { egressRule } from './resolve.ts';
import type { ResolvedEnvironment } from './resolved-environment.ts';
import { ADDON_IDENTITIES, PLATFORM_BUCKETS } from './schema/platform-identities.ts';
import { EGRESS_TARGETS } from './schema/service.ts';
import { tenantContract, tenantTerraformCatalog } from './tenant-terraform.ts';

/**
 * The environments Terraform provisions: those whose platform has cloud IAM. A k3s environment has
 * no AWS base, so synth writes no `terraform/environments/<env>/` for it (verify says its contract
 * check does not apply).
 */
export function terraformEnvironments(catalog: Catalog): CatalogEnvironment[] {
  return catalog.environments.filter(hasTerraform);
}

/** Whether Terraform provisions `env` (its platform has cloud IAM). */
export function hasTerraform(env: CatalogEnvironment): boolean {
  return env.platform.cloudIam;
}

/** Path of the Terraform catalog of an environment. */
export function terraformCatalogPath(env: string): string {
  return `terraform/environments/${env}/catalog.json`;
}

/** Path of the AWS contract of an environment (read by verify). */
export function contractPath(env: string): string {
  return `terraform/environments/${env}/contract.json`;
}

function catalogBuckets(model: ResolvedEnvironment): string[] {
  return [...new Set(model.services.flatMap(({ spec }) => spec.aws.s3.map((s) => s.bucket)))].sort();
}

/** The Terraform catalog of one environment (plain JSON). */
export function terraformCatalog(model: ResolvedEnvironment): Record<string, unknown> {
  const { env } = model;
  const declarations = model.services.map((s) => s.spec);
  const services = model.services.map(({ spec, namespace, scalingQueue }) => {
    return {
      name: spec.name,
      team: spec.team,
      namespace,
      serviceAccount: spec.name,
      ecrRepository: spec.image.repository,
      aws: spec.aws,
      redis: spec.network.egress.includes('redis'),
      // KEDA's operator reads this service's queue as the service's own role (identityOwner: workload),
      // so Terraform lets the operator's service account assume that role.
      kedaScaled: scalingQueue !== undefined,
      // What the service's NetworkPolicies must allow, and nothing more (verify's network check).
      network: { callers: [...spec.network.callers], public: spec.network.public, egress: [...spec.network.egress] },
    };
  });
  return {
    environment: env.spec.name,
    accountId: env.spec.accountId,
    region: env.spec.region,
    clusterName: env.spec.clusterName,
    addons: ADDON_IDENTITIES.map((a) => ({ ...a })),
    buckets: catalogBuckets(model),
    queues: catalogQueues(declarations),
    secrets: platformSecrets(declarations, env.spec.name).map((s) => ({ ...s, name: env.names.secretName(s.key) })),
    // Where each egress target is (the AWS API interface endpoints live in the VPC, see
    // terraform/modules/network) and where the load balancer reaches public services from.
    network: {
      vpcCidr: env.spec.network.vpcCidr,
      targets: Object.fromEntries(
        EGRESS_TARGETS.map((t) => {
          const { cidrs, except, ports } = egressRule(t, env);
          return [t, { cidrs: [...cidrs], except: [...(except ?? [])], ports: [...ports] }];
        }),
      ),
    },
    services,
    // Hosts the ALB serves: modules/edge issues the ACM certificate for exactly these.
    edge: { hosts: edgeHosts(model.catalog, env.spec) },
    // One modules/tenant call per tenant (apps/tenant-terraform.ts).
    tenants: tenantTerraformCatalog(model),
    // CloudWatch alarm thresholds and the Chatbot Slack channel (modules/alarms).
    alarms: env.spec.alarms,
  };
}

/** The AWS contract of one environment: every name dist/ may reference, as Terraform creates it. */
export function awsContract(model: ResolvedEnvironment): Record<string, unknown> {
  const { env } = model;
  const n = env.names;
  const declarations = model.services.map((s) => s.spec);
  const role = (name: string, serviceAccount: string | null) => ({ arn: n.roleArn(name), name, serviceAccount });
  const tenants = tenantContract(model);
  const queueNames = [...catalogQueues(declarations).map((q) => n.queueName(q)), n.karpenterInterruptionQueue, ...tenants.queues];
  const secrets = platformSecrets(declarations, env.spec.name);
  return {
    environment: env.spec.name,
    accountId: env.spec.accountId,
    region: env.spec.region,
    roles: [
      ...model.services.map((s) => ({ ...s.role, serviceAccount: `${s.namespace}/${s.spec.name}` })),
      ...ADDON_IDENTITIES.map((a) => role(n.addonRoleName(a.name), `${a.namespace}/${a.serviceAccount}`)),
      role(n.karpenterNodeRoleName, null),
      ...tenants.roles,
    ].sort((a, b) => a.name.localeCompare(b.name)),
    ecrRepositories: model.services.map((s) => s.imageName).sort(),
    queues: queueNames.sort().map((name) => ({
      name,
      url: n.queueUrl(name),
      // Catalog queues have a dead-letter queue (modules/data); its depth is alerted on by name.
      ...(name === n.karpenterInterruptionQueue ? {} : { deadLetterQueue: n.deadLetterQueueName(name) }),
    })),
    // SNS topics (modules/topics) and who may publish (the flows' notify services).
    topics: catalogTopics(model.services.map((s) => s.spec)).map((t) => ({
      name: n.topicName(t),
      arn: n.topicArn(t),
      publishers: model.services.filter(({ spec }) => spec.aws.sns.some((p) => p.topic === t)).map((s) => s.role.arn),
    })),
    buckets: [...catalogBuckets(model), ...PLATFORM_BUCKETS].map((b) => n.bucketName(b)).sort(),
    secrets: secrets.map((s) => ({
      name: n.secretName(s.key),
      properties: s.properties,
      source: s.source,
      readers: [n.addonRoleArn('external-secrets'), ...s.readers.map((r) => n.serviceRoleArn(r))],
    })),
    // The Ingress's certificate must cover only these hosts and its WAF web ACL must be this one
    // (verify's contract check); both ids come from Terraform outputs, the names from here.
    edge: { hosts: edgeHosts(model.catalog, env.spec), webAclName: n.edgeWebAclName },
    rdsIamUsers: model.services
      .filter(({ spec }) => spec.aws.rdsIamUser !== null)
      .map(({ spec, role: r }) => ({ user: spec.aws.rdsIamUser, role: r.arn })),
    // Per tenant: its key, queue, login and the roles modules/tenant creates (the IAM isolation test reads these).
    tenants: tenants.tenants,
  };
}
