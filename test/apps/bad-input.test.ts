/**
 * Every malformed catalog, environment or write-back entry fails synth with one exact,
 * file-and-field-qualified message, exit code 1, and leaves dist/ byte-identical.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synth } from '../../charts/synth-command.ts';
import { loadCatalog } from '../../apps/catalog.ts';
import { poolDemand } from '../../apps/resolve-cluster.ts';
import { treeDigest, workspace, type Workspace } from '../support/fixture.ts';

type Case = {
  readonly name: string;
  readonly arrange: (ws: Workspace) => void;
  readonly message: string;
};

const REC = 'apps/services/reconciliation-service.yaml';
const PROD = 'apps/environments/prod.yaml';
const PROD_TF = 'apps/environments/prod.terraform.json';
const LOKI = 'apps/addons/loki.yaml';
const KPS = 'apps/addons/kube-prometheus-stack.yaml';
const edit = (file: string, search: string | RegExp, replace: string) => (ws: Workspace) => ws.edit(file, search, replace);
const repoCatalog = loadCatalog();
const PROD_GENERAL_CPU =
  Math.round(
    poolDemand(
      repoCatalog,
      repoCatalog.environments.find((e) => e.spec.name === 'prod')!,
    ).general.cpu * 1000,
  ) / 1000;

const CASES: readonly Case[] = [
  {
    name: 'wrong type',
    arrange: edit(REC, 'replicas: 3', 'replicas: three'),
    message: `${REC}:10: replicas: Invalid input: expected number, received string`,
  },
  {
    name: 'unknown top-level field',
    arrange: edit(REC, 'replicas: 3', 'replicas: 3\nreplica: 3'),
    message: `${REC}:11: replica: unknown field "replica"`,
  },
  {
    name: 'unknown nested field',
    arrange: edit(REC, 'tag: main-487 }', 'tag: main-487, tags: [a] }'),
    message: `${REC}:6: image.tags: unknown field "tags"`,
  },
  { name: 'missing required field', arrange: edit(REC, 'team: reconciliation\n', ''), message: `${REC}:2: team: is required` },
  {
    name: 'invalid image tag',
    arrange: edit(REC, 'tag: main-487', 'tag: "main 487"'),
    message: `${REC}:6: image.tag: must be a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})`,
  },
  {
    name: 'latest tag',
    arrange: edit(REC, 'tag: main-487', 'tag: latest'),
    message: `${REC}:6: image.tag: must not be "latest": pin an immutable tag`,
  },
  {
    name: 'invalid repository name',
    arrange: edit(REC, 'repository: reconciliation-service', 'repository: Reconciliation_Service'),
    message: `${REC}:6: image.repository: must be a repository name such as "payments-service"`,
  },
  {
    name: 'invalid service name',
    arrange: edit(REC, 'name: reconciliation-service', 'name: Reconciliation'),
    message: `${REC}:2: name: must be a DNS-1123 label (lower-case alphanumerics and "-", at most 63)`,
  },
  {
    name: 'name differs from file',
    arrange: edit(REC, 'name: reconciliation-service', 'name: recon-service'),
    message: `${REC}: name: "recon-service" must match the file name "reconciliation-service"`,
  },
  {
    name: 'duplicate service',
    arrange: (ws) => cpSync(join(ws.root, REC), join(ws.root, 'apps/services/reconciliation-service.yml')),
    message: `apps/services/reconciliation-service.yml: name: duplicate service "reconciliation-service" (also declared in ${REC})`,
  },
  {
    name: 'duplicate image repository',
    arrange: edit('apps/services/user-service.yaml', 'repository: user-service', 'repository: auth-service'),
    message: 'apps/services/user-service.yaml: image.repository: "auth-service" is already used by apps/services/auth-service.yaml',
  },
  {
    name: 'unknown caller',
    arrange: edit(REC, 'callers: [api-gateway]', 'callers: [api-gateway, zz-not-a-service]'),
    message: `${REC}: network.callers[1]: unknown caller "zz-not-a-service": no such service in apps/services/`,
  },
  {
    name: 'service calls itself',
    arrange: edit(REC, 'callers: [api-gateway]', 'callers: [reconciliation-service]'),
    message: `${REC}: network.callers[0]: a service cannot list itself as a caller`,
  },
  {
    name: 'secret property Terraform does not write',
    arrange: edit(REC, 'property: transactions-queue-url', 'property: transactions-url'),
    message: `${REC}: secrets[2].property: "transactions-url" is not in secret "sqs": Terraform writes <queue>-queue-url for each queue in the catalog`,
  },
  {
    name: 'min > max replicas',
    arrange: edit(REC, 'maxReplicas: 15', 'maxReplicas: 2'),
    message: `${REC}: autoscaling.maxReplicas: 'autoscaling.maxReplicas' (2) must be >= 'replicas' (3) for reconciliation-service in prod`,
  },
  {
    name: 'PDB that blocks drains',
    arrange: edit(REC, 'disruption: { minAvailable: 2 }', 'disruption: { minAvailable: 3 }'),
    message: `${REC}: disruption.minAvailable: 'disruption.minAvailable' (3) must be < 'replicas' (3) for reconciliation-service in prod, or no node could ever be drained`,
  },
  {
    name: 'PDB with both fields',
    arrange: edit(REC, 'disruption: { minAvailable: 2 }', 'disruption: { minAvailable: 2, maxUnavailable: 1 }'),
    message: `${REC}:16: disruption: Invalid input`,
  },
  {
    name: 'unknown environment file',
    arrange: (ws) => cpSync(join(ws.root, PROD), join(ws.root, 'apps/environments/qa.yaml')),
    message: 'apps/environments/qa.yaml: unknown environment "qa": expected one of dev, staging, prod',
  },
  {
    name: 'override for an unknown environment',
    arrange: edit(REC, 'mtls: true', 'mtls: true\nenvironments:\n  qa: { replicas: 1 }'),
    message: `${REC}:35: environments.qa: unknown environment "qa": expected one of dev, staging, prod`,
  },
  {
    name: 'environment not declared',
    arrange: (ws) => rmSync(join(ws.root, 'apps/environments/staging.yaml')),
    message: 'apps/environments/staging.yaml: environment "staging" is not declared',
  },
  {
    name: 'account id of the wrong type',
    arrange: edit(PROD, "accountId: '123456789012'", 'accountId: 123456789012'),
    message: `${PROD}:3: accountId: Invalid input: expected string, received number`,
  },
  {
    name: 'malformed region',
    arrange: edit(PROD, 'region: us-east-1', 'region: US-EAST-1'),
    message: `${PROD}:4: region: must be an AWS region such as "us-east-1"`,
  },
  {
    name: 'malformed CIDR',
    arrange: edit(PROD, 'vpcCidr: 10.0.0.0/16', 'vpcCidr: 10.0.0.0'),
    message: `${PROD}:11: network.vpcCidr: must be an IPv4 CIDR such as "10.0.0.0/16"`,
  },
  {
    name: 'Terraform outputs disagree with the environment',
    arrange: edit(PROD_TF, '"clusterName": "fintrack-prod"', '"clusterName": "fintrack-prd"'),
    message: `${PROD_TF}: clusterName: "fintrack-prd" differs from "fintrack-prod" declared in apps/environments/prod.yaml`,
  },
  {
    name: 'Terraform outputs from another account',
    arrange: edit(PROD_TF, '"accountId": "123456789012"', '"accountId": "999999999999"'),
    message: `${PROD_TF}: ecrRegistry: must be 999999999999.dkr.ecr.us-east-1.amazonaws.com (accountId/region)`,
  },
  {
    name: 'YAML syntax error',
    arrange: edit(REC, 'replicas: 3', 'replicas: [3'),
    message: `${REC}:11: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]`,
  },
  {
    name: 'duplicate YAML key',
    arrange: edit(REC, 'replicas: 3', 'replicas: 3\nreplicas: 4'),
    message: `${REC}:11: YAML syntax: Map keys must be unique`,
  },
  {
    name: 'requests above limits',
    arrange: edit(REC, 'requests: { cpu: 250m', 'requests: { cpu: 1500m'),
    message: `${REC}:18: resources.requests.cpu: (1500m) must be <= 'limits.cpu' (1)`,
  },
  {
    name: 'malformed memory quantity',
    arrange: edit(REC, 'memory: 512Mi', 'memory: 512MB'),
    message: `${REC}:18: resources.requests.memory: must be a memory quantity in Ki, Mi, Gi or Ti such as "512Mi"`,
  },
  {
    name: 'privileged port',
    arrange: edit(REC, 'port: 8080', 'port: 80'),
    message: `${REC}:7: port: must be >= 1024 (containers run as non-root)`,
  },
  {
    name: 'metrics port equals the service port',
    arrange: edit(REC, 'metrics: { port: 9090', 'metrics: { port: 8080'),
    message: `${REC}:8: metrics.port: (8080) must differ from 'port'`,
  },
  {
    name: 'api without a port',
    arrange: edit(REC, 'port: 8080\n', ''),
    message: `${REC}:2: port: is required for class "api" (only workers may omit it)`,
  },
  {
    name: 'worker with callers',
    arrange: edit('apps/services/transaction-worker.yaml', 'network:\n', 'network:\n  callers: [api-gateway]\n'),
    message: "apps/services/transaction-worker.yaml:32: network.callers: requires 'port': a service without one cannot be called",
  },
  {
    name: 'GPU placement without GPUs',
    arrange: edit('apps/services/ml-anomaly-detector.yaml', 'gpus: 1\n', ''),
    message: 'apps/services/ml-anomaly-detector.yaml:2: gpus: is required when \'placement\' is "gpu-spot"',
  },
  {
    name: 'secret shadows a plain variable',
    arrange: edit(REC, 'env: { LOG_LEVEL: info }', 'env: { LOG_LEVEL: info, DB_HOST: localhost }'),
    message: `${REC}:23: secrets[0].env: "DB_HOST" is also set in 'env'`,
  },
  {
    name: 'lower-case secret variable',
    arrange: edit(REC, 'env: DB_HOST', 'env: db_host'),
    message: `${REC}:23: secrets[0].env: must be an upper-case environment variable name`,
  },
  {
    name: 'unknown egress target',
    arrange: edit(REC, 'egress: [postgres, aws-apis]', 'egress: [postgres, mysql]'),
    message: `${REC}:32: network.egress[1]: Invalid option: expected one of "postgres"|"redis"|"aws-apis"|"internet-https"`,
  },
  {
    name: 'unknown workload class',
    arrange: edit(REC, 'class: api', 'class: batch'),
    message: `${REC}:5: class: Invalid option: expected one of "api"|"worker"|"ml-gpu"`,
  },
  {
    name: 'CPU target out of range',
    arrange: edit(REC, 'cpuUtilization: 65', 'cpuUtilization: 5'),
    message: `${REC}:13: autoscaling.cpuUtilization: Too small: expected number to be >=10`,
  },
  {
    name: 'zero replicas for one environment',
    arrange: edit(REC, 'mtls: true', 'mtls: true\nenvironments:\n  prod: { replicas: 0 }'),
    message: `${REC}:35: environments.prod.replicas: Too small: expected number to be >=1`,
  },
  // Add-on catalog (apps/addons/*.yaml) and the values resolved from the environment.
  {
    name: 'chart version range',
    arrange: edit(LOKI, 'version: 6.29.0', 'version: ^6.29.0'),
    message: `${LOKI}:5: chart.version: must be an exact chart version such as "1.14.1" (no ranges)`,
  },
  {
    name: 'chart version latest',
    arrange: edit(LOKI, 'version: 6.29.0', 'version: latest'),
    message: `${LOKI}:5: chart.version: must not be "latest" or "*": pin an exact chart version`,
  },
  {
    name: 'chart version wildcard',
    arrange: edit(LOKI, 'version: 6.29.0', 'version: "*"'),
    message: `${LOKI}:5: chart.version: must not be "latest" or "*": pin an exact chart version`,
  },
  { name: 'chart version missing', arrange: edit(LOKI, ', version: 6.29.0', ''), message: `${LOKI}:5: chart.version: is required` },
  {
    name: 'unknown add-on field',
    arrange: edit(LOKI, 'syncWave: addons', 'syncWave: addons\nwave: 2'),
    message: `${LOKI}:7: wave: unknown field "wave"`,
  },
  {
    name: 'add-on sync wave outside the add-on waves',
    arrange: edit(LOKI, 'syncWave: addons', 'syncWave: services'),
    message: `${LOKI}:6: syncWave: Invalid option: expected one of "crdAddons"|"addons"`,
  },
  {
    name: 'add-on namespace differs from its IRSA trust',
    arrange: edit(LOKI, 'namespace: logging', 'namespace: loki'),
    message: `${LOKI}: namespace: "loki" must be "logging": Terraform trusts system:serviceaccount:logging:loki (ADDON_IDENTITIES in apps/terraform-catalog.ts)`,
  },
  {
    name: 'Gatekeeper without stable CEL',
    arrange: edit('apps/addons/gatekeeper.yaml', 'version: 3.23.0', 'version: 3.17.1'),
    message:
      'apps/addons/gatekeeper.yaml: chart.version: "3.17.1" is below 3.18.0, the first Gatekeeper with stable CEL (K8sNativeValidation)',
  },
  {
    name: 'settings for an environment the add-on skips',
    arrange: edit(LOKI, '  staging: { replicas: 2', '  dev: { replicas: 1 }\n  staging: { replicas: 2'),
    message: `${LOKI}:10: settings.dev: "loki" does not run in dev (not in 'environments')`,
  },
  {
    name: 'add-on setting missing',
    arrange: edit(KPS, 'storageSize: 50Gi, ', ''),
    message: `${KPS}: settings.prod.storageSize: is required: the kube-prometheus-stack values need it in prod`,
  },
  // Environment edge and node pools.
  {
    name: 'no ALB certificate',
    arrange: edit(PROD, / {2}certificateArn: .*\n/, ''),
    message: `${PROD}:15: edge.certificateArn: is required`,
  },
  {
    name: 'global WAF ACL on a regional ALB',
    arrange: edit(PROD, 'regional/webacl', 'global/webacl'),
    message: `${PROD}:16: edge.wafAclArn: must be a regional WAFv2 web ACL ARN`,
  },
  {
    name: 'NodePool without limits',
    arrange: edit(PROD, "  general: { limits: { cpu: '200', memory: 800Gi } }", '  general: {}'),
    message: `${PROD}:20: nodePools.general.limits: is required`,
  },
  {
    name: 'NodePool limits below its services',
    arrange: edit(PROD, "cpu: '200'", "cpu: '20'"),
    // The demand is whatever today's catalog adds up to (computed, never hard-coded).
    message: `${PROD}: nodePools.general.limits.cpu: 'limits.cpu' (20) must be >= ${PROD_GENERAL_CPU}, the sum of maxReplicas × requests.cpu of its services, for NodePool general in prod`,
  },
  // Service priority, SLA and mTLS.
  {
    name: 'unknown priority',
    arrange: edit(REC, 'priority: critical', 'priority: urgent'),
    message: `${REC}:34: priority: Invalid option: expected one of "critical"|"standard"`,
  },
  {
    name: 'negative latency SLA',
    arrange: edit(REC, 'latencyP99Seconds: 2', 'latencyP99Seconds: -1'),
    message: `${REC}:35: sla.latencyP99Seconds: Too small: expected number to be >0`,
  },
  {
    name: 'variable that mTLS sets',
    arrange: edit(REC, 'env: { LOG_LEVEL: info }', 'env: { LOG_LEVEL: info, TLS_CERT_FILE: /tmp/cert.pem }'),
    message: `${REC}: env: 'env.TLS_CERT_FILE' (/tmp/cert.pem) is set by mTLS for reconciliation-service in prod: remove it or turn 'mtls' off`,
  },
  {
    name: 'invalid tag written back to a kustomization',
    arrange: (ws) => ws.edit('dist/prod/reconciliation-service/kustomization.yaml', 'newTag: main-487', 'newTag: "main 488"'),
    message:
      'dist/prod/reconciliation-service/kustomization.yaml: images[0].newTag: must be a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})',
  },
];

describe('synth with bad input', () => {
  let base: Workspace;
  beforeAll(() => {
    // A catalog and a dist/ rendered from it: every case starts from a copy of this.
    base = workspace();
    expect(synth({ cwd: base.root }).exitCode).toBe(0);
  });
  afterAll(() => base.dispose());

  it('covers at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('fails on $name with the exact message and leaves dist/ untouched', ({ arrange, message }) => {
    // GIVEN a valid catalog and its rendered dist/, then one bad entry
    const ws = base.clone();
    try {
      arrange(ws);
      const before = treeDigest(ws.dist);
      const tfBefore = treeDigest(ws.terraform);
      // WHEN synth runs
      const result = synth({ cwd: ws.root });
      // THEN it fails naming the file and field, and writes nothing
      expect(result.exitCode).toBe(1);
      expect(result.err[0]).toMatch(/^synth failed: \d+ errors?; nothing was written\.$/);
      expect(result.err.map((l) => l.trim())).toContain(message);
      expect(treeDigest(ws.dist)).toBe(before);
      expect(treeDigest(ws.terraform)).toBe(tfBefore);
    } finally {
      ws.dispose();
    }
  });
});
