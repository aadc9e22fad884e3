/**
 * The contract check: AWS names referenced by dist/ against the environment's contract.json.
 * GIVEN a small contract and objects referencing each kind of name WHEN the check runs THEN
 * every provided name passes and every missing one fails naming the object, field and contract.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsContract } from '../../scripts/verify/aws-contract.ts';
import { contractCheck, contractFindings, referencesOf } from '../../scripts/verify/checks/contract.ts';
import { loadDist } from '../../scripts/verify/load-dist.ts';
import { contractFile, readContract } from '../../scripts/verify/aws-contract.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { clone, CRDS_DIR, inApp, model } from './fixtures.ts';

const ACCOUNT = '123456789012';
const REGISTRY = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;
const FILE = 'terraform/environments/prod/contract.json';
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const queueUrl = (name: string) => `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`;

const CONTRACT: AwsContract = {
  environment: 'prod',
  accountId: ACCOUNT,
  region: 'us-east-1',
  roles: [
    { arn: roleArn('fintrack-prod-app'), name: 'fintrack-prod-app', serviceAccount: 'team/app' },
    { arn: roleArn('fintrack-prod-addon-loki'), name: 'fintrack-prod-addon-loki', serviceAccount: 'logging/loki' },
    {
      arn: roleArn('fintrack-prod-addon-external-secrets'),
      name: 'fintrack-prod-addon-external-secrets',
      serviceAccount: 'external-secrets/external-secrets',
    },
    { arn: roleArn('fintrack-prod-addon-other'), name: 'fintrack-prod-addon-other', serviceAccount: 'external-secrets/other' },
    { arn: roleArn('fintrack-prod-karpenter-node'), name: 'fintrack-prod-karpenter-node', serviceAccount: null },
  ],
  ecrRepositories: [`${REGISTRY}/app`],
  queues: [
    { name: 'fintrack-prod-jobs', url: queueUrl('fintrack-prod-jobs') },
    { name: 'fintrack-prod-karpenter-interruption', url: queueUrl('fintrack-prod-karpenter-interruption') },
  ],
  buckets: [`fintrack-prod-loki-${ACCOUNT}`],
  secrets: [
    {
      name: 'fintrack/prod/db',
      properties: ['host', 'port'],
      source: 'terraform',
      readers: [roleArn('fintrack-prod-addon-external-secrets'), roleArn('fintrack-prod-app')],
    },
  ],
  rdsIamUsers: [],
  edge: { hosts: ['api.example.test'], webAclName: 'fintrack-prod-edge' },
};

const serviceAccount = (arn = roleArn('fintrack-prod-app'), name = 'app'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'team', annotations: { 'eks.amazonaws.com/role-arn': arn } },
});
const externalSecret = (key = 'fintrack/prod/db', property = 'host'): KubeObject => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'app', namespace: 'team' },
  spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws' }, data: [{ secretKey: 'DB_HOST', remoteRef: { key, property } }] },
});
const store = (sa = 'external-secrets'): KubeObject => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ClusterSecretStore',
  metadata: { name: 'aws' },
  spec: {
    provider: {
      aws: {
        service: 'SecretsManager',
        region: 'us-east-1',
        auth: { jwt: { serviceAccountRef: { name: sa, namespace: 'external-secrets' } } },
      },
    },
  },
});
const deployment = (image = `${REGISTRY}/app:main-1`, queue = queueUrl('fintrack-prod-jobs')): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'app', namespace: 'team' },
  spec: { template: { spec: { containers: [{ name: 'app', image, env: [{ name: 'QUEUE_URL', value: queue }] }] } } },
});
const addon = (bucket = `fintrack-prod-loki-${ACCOUNT}`, interruptionQueue = 'fintrack-prod-karpenter-interruption'): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'loki', namespace: 'argocd' },
  spec: {
    source: {
      helm: {
        valuesObject: {
          loki: { storage: { bucketNames: { chunks: bucket } } },
          serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': roleArn('fintrack-prod-addon-loki') } },
          settings: { interruptionQueue },
        },
      },
    },
  },
});
const rule = (queue = 'fintrack-prod-jobs'): KubeObject => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'app-alerts', namespace: 'monitoring' },
  spec: {
    groups: [
      { name: 'q', rules: [{ alert: 'Backlog', expr: `aws_sqs_approximate_number_of_messages_visible{queue_name="${queue}"} > 10` }] },
    ],
  },
});
const nodeClass = (role = 'fintrack-prod-karpenter-node'): KubeObject => ({
  apiVersion: 'karpenter.k8s.aws/v1',
  kind: 'EC2NodeClass',
  metadata: { name: 'default' },
  spec: { role },
});

const WAF = `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/fintrack-prod-edge/11111111-2222-4333-8444-555555555555`;
const CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/11111111-2222-4333-8444-555555555555`;
const ingress = (annotations: Record<string, string | undefined> = {}, host = 'api.example.test'): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name: 'public-api',
    namespace: 'team',
    annotations: Object.fromEntries(
      Object.entries({
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
        'alb.ingress.kubernetes.io/certificate-arn': CERT,
        'alb.ingress.kubernetes.io/wafv2-acl-arn': WAF,
        ...annotations,
      }).filter((e): e is [string, string] => e[1] !== undefined),
    ),
  },
  spec: { ingressClassName: 'alb', tls: [{ hosts: [host] }], rules: [{ host, http: { paths: [] } }] },
});

const GOOD = [serviceAccount(), store(), externalSecret(), deployment(), addon(), rule(), nodeClass(), ingress()];

function messages(objects: KubeObject[], contract: AwsContract = CONTRACT): string[] {
  return contractFindings(inApp('app', objects), contract, FILE).map((f) => `${f.rule}: ${f.message}`);
}

describe('contract check', () => {
  it('passes when every referenced role, repository, queue, bucket and secret is in the contract', () => {
    expect(messages(GOOD)).toEqual([]);
  });

  it('fails on a secret the contract does not provide, naming both sides', () => {
    expect(messages([externalSecret('fintrack/prod/missing')])).toEqual([
      `secret-exists: prod/app/0.yaml spec.data[0].remoteRef: secret "fintrack/prod/missing" is not provided by ${FILE} (secrets)`,
    ]);
  });

  it('fails on a secret property the contract does not provide', () => {
    expect(messages([externalSecret('fintrack/prod/db', 'password')])).toEqual([
      `secret-property: prod/app/0.yaml spec.data[0].remoteRef: property "password" of secret "fintrack/prod/db" is not provided by ${FILE} (secrets[fintrack/prod/db].properties)`,
    ]);
  });

  it('fails when the secret store authenticates as a role the secret does not let read', () => {
    expect(messages([store('other'), externalSecret()])).toEqual([
      `secret-readable: prod/app/1.yaml spec.data[0].remoteRef: secret "fintrack/prod/db" is read through ClusterSecretStore aws as ${roleArn('fintrack-prod-addon-other')}, which ${FILE} (secrets[fintrack/prod/db].readers) does not allow`,
    ]);
  });

  it('fails on a ServiceAccount annotated with a role the contract does not provide', () => {
    expect(messages([serviceAccount(roleArn('fintrack-prod-ghost'))])).toEqual([
      `role-exists: prod/app/0.yaml metadata.annotations.eks.amazonaws.com/role-arn: IAM role ${roleArn('fintrack-prod-ghost')} is not provided by ${FILE} (roles)`,
    ]);
  });

  it('fails on a ServiceAccount annotated with a role that trusts another service account', () => {
    expect(messages([serviceAccount(roleArn('fintrack-prod-app'), 'other')])).toEqual([
      `role-trusts-service-account: prod/app/0.yaml metadata.annotations.eks.amazonaws.com/role-arn: IAM role ${roleArn('fintrack-prod-app')} trusts team/app in ${FILE} (roles), not team/other`,
    ]);
  });

  it('fails on a node role the contract does not provide', () => {
    expect(messages([nodeClass('fintrack-prod-nodes')])).toEqual([
      `role-exists: prod/app/0.yaml spec.role: IAM role fintrack-prod-nodes is not provided by ${FILE} (roles)`,
    ]);
  });

  it('fails on an image from an ECR repository the contract does not provide', () => {
    expect(messages([deployment(`${REGISTRY}/other:main-1`)])).toEqual([
      `ecr-repository: prod/app/0.yaml spec.template.spec.containers[0].image: ECR repository ${REGISTRY}/other is not provided by ${FILE} (ecrRepositories)`,
    ]);
  });

  it('fails on queue URLs, queue-name values and PromQL queue selectors the contract does not provide', () => {
    expect(
      messages([deployment(undefined, queueUrl('fintrack-prod-gone')), addon(undefined, 'fintrack-prod-spot'), rule('fintrack-prod-old')]),
    ).toEqual([
      `queue-exists: prod/app/0.yaml spec.template.spec.containers[0].env[0].value: SQS queue ${queueUrl('fintrack-prod-gone')} is not provided by ${FILE} (queues)`,
      `queue-exists: prod/app/1.yaml spec.source.helm.valuesObject.settings.interruptionQueue: SQS queue fintrack-prod-spot is not provided by ${FILE} (queues)`,
      `queue-exists: prod/app/2.yaml spec.groups[0].rules[0].expr: SQS queue fintrack-prod-old is not provided by ${FILE} (queues)`,
    ]);
  });

  it("accepts a PromQL selector of a queue's dead-letter queue only when the contract names it", () => {
    // GIVEN an alert on the dead-letter queue of fintrack-prod-jobs
    const dlq = rule('fintrack-prod-jobs-dlq');
    // WHEN the contract does not name it THEN it fails; WHEN it does THEN it passes
    expect(messages([dlq])).toEqual([
      `queue-exists: prod/app/0.yaml spec.groups[0].rules[0].expr: SQS queue fintrack-prod-jobs-dlq is not provided by ${FILE} (queues)`,
    ]);
    const withDlq: AwsContract = {
      ...CONTRACT,
      queues: CONTRACT.queues.map((q) => (q.name === 'fintrack-prod-jobs' ? { ...q, deadLetterQueue: 'fintrack-prod-jobs-dlq' } : q)),
    };
    expect(messages([dlq], withDlq)).toEqual([]);
  });

  it('fails on a bucket the contract does not provide', () => {
    expect(messages([addon('fintrack-prod-logs-123456789012')])).toEqual([
      `bucket-exists: prod/app/0.yaml spec.source.helm.valuesObject.loki.storage.bucketNames.chunks: S3 bucket fintrack-prod-logs-123456789012 is not provided by ${FILE} (buckets)`,
    ]);
  });

  it("fails on a public ALB without Terraform's web ACL and certificate", () => {
    expect(
      messages([ingress({ 'alb.ingress.kubernetes.io/wafv2-acl-arn': undefined, 'alb.ingress.kubernetes.io/certificate-arn': undefined })]),
    ).toEqual([
      `edge-waf-acl: prod/app/0.yaml metadata.annotations: internet-facing ALB without alb.ingress.kubernetes.io/wafv2-acl-arn (web ACL fintrack-prod-edge in ${FILE} edge.webAclName)`,
      "edge-certificate: prod/app/0.yaml metadata.annotations: internet-facing ALB without alb.ingress.kubernetes.io/certificate-arn (Terraform's certificate for api.example.test)",
    ]);
  });

  it('fails on a web ACL of another name, account or region, and a certificate of another account', () => {
    const otherAcl = WAF.replace('fintrack-prod-edge', 'fintrack-staging-edge');
    const otherCert = CERT.replace(ACCOUNT, '210987654321');
    expect(
      messages([ingress({ 'alb.ingress.kubernetes.io/wafv2-acl-arn': otherAcl, 'alb.ingress.kubernetes.io/certificate-arn': otherCert })]),
    ).toEqual([
      `edge-waf-acl: prod/app/0.yaml metadata.annotations.alb.ingress.kubernetes.io/wafv2-acl-arn: ${otherAcl} is not web ACL fintrack-prod-edge of account ${ACCOUNT} in us-east-1 (${FILE} edge.webAclName)`,
      `edge-certificate: prod/app/0.yaml metadata.annotations.alb.ingress.kubernetes.io/certificate-arn: ${otherCert} is not an ACM certificate of account ${ACCOUNT} in us-east-1 (${FILE} accountId, region)`,
    ]);
    expect(messages([ingress({ 'alb.ingress.kubernetes.io/wafv2-acl-arn': WAF.replace('us-east-1', 'eu-west-1') })])).toHaveLength(1);
  });

  it('fails on a host the edge certificate does not cover', () => {
    expect(messages([ingress({}, 'www.example.test')])).toEqual([
      `edge-host: prod/app/0.yaml spec.rules[0].host: host www.example.test is not covered by the edge certificate (${FILE} edge.hosts: api.example.test)`,
      `edge-host: prod/app/0.yaml spec.tls[0].hosts[0]: host www.example.test is not covered by the edge certificate (${FILE} edge.hosts: api.example.test)`,
    ]);
  });

  it('fails when a name is removed from the contract (Terraform would not create it)', () => {
    const contract = clone(CONTRACT);
    contract.ecrRepositories = [];
    expect(messages([deployment()], contract)).toHaveLength(1);
  });

  it("fails when an environment's contract belongs to another environment", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-'));
    mkdirSync(join(dir, 'prod'));
    writeFileSync(join(dir, 'prod', 'contract.json'), JSON.stringify({ ...CONTRACT, environment: 'staging' }));
    const findings = await contractCheck.run(model(inApp('app', GOOD)), { crdsDir: CRDS_DIR, contractsDir: dir });
    expect(findings.map((f) => f.message)).toEqual([
      `${join(dir, 'prod', 'contract.json')} is the contract of "staging", not of dist/prod`,
    ]);
  });

  it('fails when an environment has no contract file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-'));
    const findings = await contractCheck.run(model(inApp('app', GOOD)), { crdsDir: CRDS_DIR, contractsDir: dir });
    expect(findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      `contract-exists: ${join(dir, 'prod', 'contract.json')} does not exist: run \`npm run synth\``,
    ]);
  });

  it.each(['dev', 'staging', 'prod'])('checks real references of every kind in the committed dist/%s, all provided', (env) => {
    // GIVEN the committed dist/ and contract WHEN references are collected THEN each kind occurs and resolves
    const objects = loadDist('dist', env).objects;
    const read = readContract(contractFile('terraform/environments', env));
    if ('error' in read) throw new Error(read.error);
    const kinds = new Set(objects.flatMap((o) => referencesOf(o).map((r) => r.kind)));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['ecr', 'queue', 'role', 'secret']));
    expect(contractFindings(objects, read.contract, 'contract.json')).toEqual([]);
  });
});
