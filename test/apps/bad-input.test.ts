/**
 * Every malformed catalog, environment or write-back entry fails synth with one exact,
 * file-line-and-field-qualified message. The cases run the pipeline in-process on a copy of the
 * catalog (no dist/ copy, no process); a few run the synth command end to end and one spawns it,
 * proving exit code 1 and a byte-identical dist/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synth } from '../../scripts/synth/synth-command.ts';
import { loadCatalog } from '../../apps/catalog.ts';
import { largestOnPool, poolDemand } from '../../apps/resolve-cluster.ts';
import { lineOfPath } from '../../apps/yaml-file.ts';
import { treeDigest, workspace, type Workspace } from '../support/fixture.ts';
import { pipelineErrors } from '../support/pipeline.ts';
import { resolveEnvironment } from '../../apps/resolved-environment.ts';

type Case = {
  readonly name: string;
  readonly arrange: (ws: Workspace) => void;
  readonly message: string;
  /** The case edits or needs the rendered dist/. @default false */
  readonly dist?: boolean;
};

const REC = 'apps/services/reconciliation-service.yaml';
const PROD = 'apps/environments/prod.yaml';
const PROD_TF = 'apps/environments/prod.terraform.json';
const LOKI = 'apps/addons/loki.yaml';
const KPS = 'apps/addons/kube-prometheus-stack.yaml';
const LOCAL = 'apps/environments/local.yaml';
const edit = (file: string, search: string | RegExp, replace: string) => (ws: Workspace) => ws.edit(file, search, replace);
const repoCatalog = loadCatalog();
const PROD_GENERAL_CPU =
  Math.round(
    poolDemand(
      resolveEnvironment(
        repoCatalog,
        repoCatalog.environments.find((e) => e.spec.name === 'prod')!,
      ),
    ).general.cpu * 1000,
  ) / 1000;

// The other side the node-pool error names: the service asking the most CPU of the pool, with its line.
const PROD_GENERAL_LARGEST = ((): string => {
  const { file } = largestOnPool(
    resolveEnvironment(
      repoCatalog,
      repoCatalog.environments.find((e) => e.spec.name === 'prod')!,
    ),
    'general',
    'cpu',
  )!.entry;
  return `${file}:${lineOfPath(readFileSync(file, 'utf8'), 'resources.requests.cpu')} resources.requests.cpu`;
})();

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
    arrange: edit(REC, 'initialTag: main-487 }', 'initialTag: main-487, tags: [a] }'),
    message: `${REC}:6: image.tags: unknown field "tags"`,
  },
  { name: 'missing required field', arrange: edit(REC, 'team: reconciliation\n', ''), message: `${REC}:2: team: is required` },
  {
    name: 'invalid image tag',
    arrange: edit(REC, 'initialTag: main-487', 'initialTag: "main 487"'),
    message: `${REC}:6: image.initialTag: must be a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})`,
  },
  {
    name: 'latest tag',
    arrange: edit(REC, 'initialTag: main-487', 'initialTag: latest'),
    message: `${REC}:6: image.initialTag: must not be "latest": pin an immutable tag`,
  },
  {
    name: 'invalid repository name',
    arrange: edit(REC, 'repository: reconciliation-service', 'repository: Reconciliation_Service'),
    message: `${REC}:6: image.repository: must be a repository name such as "payments-service"`,
  },
  {
    name: 'queue scaling on a queue the service does not consume',
    arrange: edit(REC, 'queue: { queue: transactions,', 'queue: { queue: notifications,'),
    message: `${REC}:15: autoscaling.queue.queue: "notifications" is not a queue the service consumes (aws.sqs with access "consume")`,
  },
  {
    name: 'invalid service name',
    arrange: edit(REC, 'name: reconciliation-service', 'name: Reconciliation'),
    message: `${REC}:2: name: must be a DNS-1123 label (lower-case alphanumerics and "-", at most 63)`,
  },
  {
    name: 'name differs from file',
    arrange: edit(REC, 'name: reconciliation-service', 'name: recon-service'),
    message: `${REC}:2: name: "recon-service" must match the file name "reconciliation-service"`,
  },
  {
    name: 'duplicate service',
    arrange: (ws) => cpSync(join(ws.root, REC), join(ws.root, 'apps/services/reconciliation-service.yml')),
    message: `apps/services/reconciliation-service.yml:2: name: duplicate service "reconciliation-service" (see ${REC}:2 name)`,
  },
  {
    name: 'duplicate image repository',
    arrange: edit('apps/services/user-service.yaml', 'repository: user-service', 'repository: auth-service'),
    message:
      'apps/services/user-service.yaml:5: image.repository: "auth-service" is already the repository of auth-service (see apps/services/auth-service.yaml:5 image.repository)',
  },
  {
    name: 'unknown caller',
    arrange: edit(REC, 'callers: [api-gateway]', 'callers: [api-gateway, zz-not-a-service]'),
    message: `${REC}:31: network.callers[1]: unknown caller "zz-not-a-service": no such service in apps/services/`,
  },
  {
    name: 'service calls itself',
    arrange: edit(REC, 'callers: [api-gateway]', 'callers: [reconciliation-service]'),
    message: `${REC}:31: network.callers[0]: a service cannot list itself as a caller`,
  },
  {
    name: 'secret property Terraform does not write',
    arrange: edit(REC, 'property: transactions-queue-url', 'property: transactions-url'),
    message: `${REC}:25: secrets[2].property: "transactions-url" is not in secret "sqs": Terraform writes <queue>-queue-url for each queue in the catalog`,
  },
  {
    name: 'min > max replicas',
    arrange: edit(REC, 'maxReplicas: 15', 'maxReplicas: 2'),
    message: `${REC}:12: autoscaling.maxReplicas: 'autoscaling.maxReplicas' (2) must be >= 'replicas' (3) for reconciliation-service in prod`,
  },
  {
    name: 'PDB that blocks drains',
    arrange: edit(REC, 'disruption: { minAvailable: 2 }', 'disruption: { minAvailable: 3 }'),
    message: `${REC}:16: disruption.minAvailable: 'disruption.minAvailable' (3) must be < 'replicas' (3) for reconciliation-service in prod, or no node could ever be drained`,
  },
  {
    name: 'PDB with both fields',
    arrange: edit(REC, 'disruption: { minAvailable: 2 }', 'disruption: { minAvailable: 2, maxUnavailable: 1 }'),
    message: `${REC}:16: disruption: Invalid input`,
  },
  {
    name: 'unknown environment file',
    arrange: (ws) => cpSync(join(ws.root, PROD), join(ws.root, 'apps/environments/qa.yaml')),
    message: 'apps/environments/qa.yaml: unknown environment "qa": expected one of local, dev, staging, prod',
  },
  {
    name: 'override for an unknown environment',
    arrange: edit(REC, 'mtls: true', 'mtls: true\nenvironments:\n  qa: { replicas: 1 }'),
    message: `${REC}:35: environments.qa: unknown environment "qa": expected one of local, dev, staging, prod`,
  },
  // A k3s environment has no AWS facts, and cannot run cloud-only add-ons.
  {
    name: 'AWS field in a k3s environment',
    arrange: edit(LOCAL, 'platform: k3s', "platform: k3s\naccountId: '111122223333'"),
    message: `${LOCAL}:6: accountId: unknown field "accountId"`,
  },
  {
    name: 'replicas in k3s defaults',
    arrange: edit(LOCAL, '  env: { LOG_LEVEL: debug }', '  env: { LOG_LEVEL: debug }\n  replicas: 2'),
    message: `${LOCAL}:14: defaults.replicas: unknown field "replicas"`,
  },
  {
    name: 'cloud-only add-on on k3s',
    arrange: edit(LOKI, /^environments: \[/m, 'environments: [local, '),
    message: `${LOKI}:8: environments[0]: "local" is a k3s environment: no log storage locally: use kubectl logs`,
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
    message: `${PROD_TF}:3: clusterName: "fintrack-prd" differs from "fintrack-prod" declared in apps/environments/prod.yaml`,
  },
  {
    name: 'Terraform outputs from another account',
    arrange: edit(PROD_TF, '"accountId": "123456789012"', '"accountId": "999999999999"'),
    message: `${PROD_TF}:4: ecrRegistry: must be 999999999999.dkr.ecr.us-east-1.amazonaws.com (accountId/region)`,
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
    message: `${LOKI}:3: namespace: "loki" must be "logging": Terraform trusts system:serviceaccount:logging:loki (ADDON_IDENTITIES in apps/schema/platform-identities.ts)`,
  },
  {
    name: 'Gatekeeper without stable CEL',
    arrange: edit('apps/addons/gatekeeper.yaml', 'version: 3.23.0', 'version: 3.17.1'),
    message:
      'apps/addons/gatekeeper.yaml:5: chart.version: "3.17.1" is below 3.18.0, the first Gatekeeper with stable CEL (K8sNativeValidation)',
  },
  {
    name: 'settings for an environment the add-on skips',
    arrange: edit(LOKI, '  staging: { replicas: 2', '  dev: { replicas: 1 }\n  staging: { replicas: 2'),
    message: `${LOKI}:10: settings.dev: "loki" does not run in dev (not in 'environments')`,
  },
  {
    name: 'add-on setting missing',
    arrange: edit(KPS, 'storageSize: 50Gi, ', ''),
    message: `${KPS}:14: settings.prod.storageSize: is required: the kube-prometheus-stack values need it in prod`,
  },
  // Environment edge and node pools.
  {
    name: 'hand-entered ALB certificate',
    arrange: edit(
      PROD,
      'edge:\n',
      'edge:\n  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-0000-4000-8000-00000000a001\n',
    ),
    message: `${PROD}:16: edge.certificateArn: unknown field "certificateArn"`,
  },
  {
    name: 'global WAF ACL on a regional ALB (Terraform outputs)',
    arrange: edit(
      PROD_TF,
      '"edgeWafAclArn": null',
      '"edgeWafAclArn": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/fintrack-prod-edge/1b2c3d4e-1111-4000-8000-00000000a001"',
    ),
    message: `${PROD_TF}:6: edgeWafAclArn: must be a regional WAFv2 web ACL ARN`,
  },
  {
    name: "another environment's WAF ACL (Terraform outputs)",
    arrange: edit(
      PROD_TF,
      '"edgeWafAclArn": null',
      '"edgeWafAclArn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/fintrack-staging-edge/1b2c3d4e-1111-4000-8000-00000000a001"',
    ),
    message: `${PROD_TF}:6: edgeWafAclArn: names web ACL "fintrack-staging-edge", not this environment's fintrack-prod-edge (modules/edge)`,
  },
  {
    name: 'NodePool without limits',
    arrange: edit(PROD, "  general: { limits: { cpu: '200', memory: 800Gi } }", '  general: {}'),
    message: `${PROD}:19: nodePools.general.limits: is required`,
  },
  {
    name: 'NodePool limits below its services',
    arrange: edit(PROD, "cpu: '200'", "cpu: '20'"),
    // The demand is whatever today's catalog adds up to (computed, never hard-coded).
    message: `${PROD}:19: nodePools.general.limits.cpu: 'limits.cpu' (20) must be >= ${PROD_GENERAL_CPU}, the sum of maxReplicas × requests.cpu of its services, for NodePool general in prod (see ${PROD_GENERAL_LARGEST})`,
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
    message: `${REC}:21: env: 'env.TLS_CERT_FILE' (/tmp/cert.pem) is set by mTLS for reconciliation-service in prod: remove it or turn 'mtls' off`,
  },
  {
    name: 'invalid tag written back to a kustomization',
    dist: true,
    arrange: (ws) => ws.edit('dist/prod/reconciliation-service/kustomization.yaml', 'newTag: main-487', 'newTag: "main 488"'),
    message:
      'dist/prod/reconciliation-service/kustomization.yaml:16: images[0].newTag: must be a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})',
  },
  // Refused because AWS or Kubernetes would refuse (or regret) them.
  {
    name: 'repository with a registry host',
    arrange: edit(REC, 'repository: reconciliation-service', 'repository: docker.io/library/nginx'),
    message: `${REC}:6: image.repository: "docker.io/library/nginx" starts with the registry host "docker.io": write the repository inside the environment's ECR registry only (e.g. "library/nginx"); Terraform creates an ECR repository of this name and images are pulled from <ecrRegistry>/<repository>`,
  },
  {
    name: "another account's ECR URI as repository",
    arrange: edit(REC, 'repository: reconciliation-service', 'repository: 999999999999.dkr.ecr.us-east-1.amazonaws.com/recon'),
    message: `${REC}:6: image.repository: "999999999999.dkr.ecr.us-east-1.amazonaws.com/recon" starts with the registry host "999999999999.dkr.ecr.us-east-1.amazonaws.com": write the repository inside the environment's ECR registry only (e.g. "recon"); Terraform creates an ECR repository of this name and images are pulled from <ecrRegistry>/<repository>`,
  },
  {
    name: 'service name too long for its IAM role',
    arrange: (ws) => {
      const name = `svc-${'x'.repeat(44)}`;
      ws.write(
        `apps/services/${name}.yaml`,
        ws
          .read('apps/services/user-service.yaml')
          .replace('name: user-service', `name: ${name}`)
          .replace('repository: user-service', `repository: ${name}`),
      );
    },
    message: `apps/services/svc-${'x'.repeat(44)}.yaml:1: name: derives the IAM role name "fintrack-staging-svc-${'x'.repeat(44)}" (65 characters), above AWS's limit of 64 (IAM CreateRole RoleName): shorten it by 1`,
  },
  {
    name: 'bucket name too long for S3',
    arrange: edit(REC, 'bucket: reports', `bucket: reports-${'r'.repeat(26)}`),
    message: `${REC}:28: aws.s3[0].bucket: derives the S3 bucket name "fintrack-staging-reports-${'r'.repeat(26)}-222233334444" (64 characters), above AWS's limit of 63 (S3 bucket naming rules): shorten it by 1`,
  },
  {
    name: 'misspelt team',
    arrange: edit(REC, 'team: reconciliation', 'team: reconcilation'),
    message: `${REC}:3: team: unknown team "reconcilation"; did you mean "reconciliation"? Teams are declared in apps/teams.yaml (a new team needs its own entry there)`,
  },
  {
    name: 'teams file missing',
    arrange: (ws) => rmSync(join(ws.root, 'apps/teams.yaml')),
    message: 'apps/teams.yaml: missing: this catalog file is required',
  },
  {
    name: 'team declared twice',
    arrange: (ws) =>
      ws.write(
        'apps/teams.yaml',
        'teams:\n  - name: alpha\n    description: The first declaration.\n  - name: alpha\n    description: The second declaration.\n',
      ),
    message: 'apps/teams.yaml:4: teams[1].name: duplicate team "alpha"',
  },
  {
    name: 'plaintext password in env',
    arrange: edit(REC, 'env: { LOG_LEVEL: info }', 'env: { LOG_LEVEL: info, DB_PASSWORD: hunter2 }'),
    message: `${REC}:21: env.DB_PASSWORD: "DB_PASSWORD" looks like a secret and would be written in plaintext into the Deployment in Git: move it to 'secrets:' (a Secrets Manager key and property)`,
  },
  {
    name: 'plaintext token in one environment',
    arrange: edit(REC, 'mtls: true', 'mtls: true\nenvironments:\n  dev: { env: { GITHUB_TOKEN: abc } }'),
    message: `${REC}:35: environments.dev.env.GITHUB_TOKEN: "GITHUB_TOKEN" looks like a secret and would be written in plaintext into the Deployment in Git: move it to 'secrets:' (a Secrets Manager key and property)`,
  },
  {
    name: 'plaintext API key in environment defaults',
    arrange: edit('apps/environments/dev.yaml', 'env: { LOG_LEVEL: debug }', 'env: { LOG_LEVEL: debug, STRIPE_APIKEY: sk_test }'),
    message: `apps/environments/dev.yaml:29: defaults.env.STRIPE_APIKEY: "STRIPE_APIKEY" looks like a secret and would be written in plaintext into the Deployment in Git: move it to 'secrets:' (a Secrets Manager key and property)`,
  },
  {
    name: 'add-on chart from an unreviewed repository',
    arrange: edit(LOKI, 'https://grafana.github.io/helm-charts', 'https://charts.example.com/grafana'),
    message: `${LOKI}:5: chart.repoURL: "https://charts.example.com/grafana" is not a reviewed chart repository: add it to apps/chart-repositories.yaml in a reviewed change first; it becomes an allowed source of the platform-addons project`,
  },
  {
    name: 'invalid UTF-8 in a service file',
    arrange: (ws) => {
      const text = ws.read(REC);
      const at = text.indexOf('Matches');
      ws.write(REC, Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xe9]), Buffer.from(text.slice(at))]));
    },
    message: `${REC}:4: invalid UTF-8 at byte 164 (e9 4d 61 74): save the file as UTF-8`,
  },
  {
    name: 'invalid UTF-8 in Terraform outputs',
    arrange: (ws) =>
      ws.write(PROD_TF, Buffer.concat([Buffer.from('{\n  "accountId": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"\n}\n')])),
    message: `${PROD_TF}:2: invalid UTF-8 at byte 18 (c0 af 22 0a): save the file as UTF-8`,
  },
  {
    name: 'object above the etcd request limit',
    arrange: edit(REC, 'env: { LOG_LEVEL: info }', `env: { LOG_LEVEL: info, BLOB: ${'x'.repeat(1_600_000)} }`),
    message: `${REC}:21: env.BLOB: Deployment reconciliation/reconciliation-service in dist/dev/reconciliation-service is 1.53 MiB, above the 1.50 MiB etcd request limit: shrink the value that makes it large`,
  },
  {
    name: 'caller misspelt',
    arrange: edit(REC, 'callers: [api-gateway]', 'callers: [api-gatway]'),
    message: `${REC}:31: network.callers[0]: unknown caller "api-gatway": no such service in apps/services/ (closest: "api-gateway")`,
  },
];

describe('synth with bad input', () => {
  let base: Workspace;
  let rendered: Workspace;
  beforeAll(() => {
    // A catalog alone (most cases) and a catalog with its rendered dist/ (cases that read dist/).
    base = workspace();
    rendered = workspace();
    expect(synth({ cwd: rendered.root }).exitCode).toBe(0);
  });
  afterAll(() => {
    base.dispose();
    rendered.dispose();
  });

  it('covers at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('fails on $name with the exact message', ({ arrange, message, dist }) => {
    // GIVEN a valid catalog, then one bad entry
    const ws = (dist ? rendered : base).clone();
    try {
      arrange(ws);
      // WHEN the pipeline runs up to the point where synth would write
      const errors = pipelineErrors(ws.root, { dist: dist ?? false });
      // THEN it reports the file, line and field
      expect(errors, errors.join('\n')).toContain(message);
    } finally {
      ws.dispose();
    }
  });

  // End to end through the synth command: exit 1, the exact message, and dist/ and the Terraform
  // catalogs byte-identical.
  const E2E = [
    'wrong type',
    'unknown caller',
    'plaintext password in env',
    'invalid UTF-8 in a service file',
    'invalid tag written back to a kustomization',
  ];
  it.each(CASES.filter((c) => E2E.includes(c.name)))(
    'synth fails on $name, exits 2 (input error) and leaves dist/ untouched',
    ({ arrange, message }) => {
      const ws = rendered.clone();
      try {
        arrange(ws);
        const before = treeDigest(ws.dist);
        const tfBefore = treeDigest(ws.terraform);
        const result = synth({ cwd: ws.root });
        expect(result.exitCode).toBe(2);
        expect(result.err[0]).toMatch(/^synth failed: \d+ errors?; nothing was written\.$/);
        expect(result.err.map((l) => l.trim())).toContain(message);
        expect(treeDigest(ws.dist)).toBe(before);
        expect(treeDigest(ws.terraform)).toBe(tfBefore);
      } finally {
        ws.dispose();
      }
    },
  );

  it('the synth process exits 2 on bad input and prints file:line: field', () => {
    // GIVEN a misspelt team; WHEN `npm run synth`'s entry point runs as a process
    const ws = rendered.clone();
    try {
      edit(REC, 'team: reconciliation', 'team: reconcilation')(ws);
      const before = treeDigest(ws.dist);
      const run = spawnSync(
        process.execPath,
        ['scripts/run.mjs', 'synth.ts', '--apps', ws.apps, '--dist', ws.dist, '--terraform', ws.terraform],
        {
          encoding: 'utf8',
        },
      );
      // THEN exit code 1, one summary line, the error with its line, nothing written
      expect(run.status).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe('synth failed: 1 error; nothing was written.');
      expect(run.stderr).toMatch(/reconciliation-service\.yaml:3: team: unknown team "reconcilation"; did you mean "reconciliation"\?/);
      expect(treeDigest(ws.dist)).toBe(before);
    } finally {
      ws.dispose();
    }
  });
});
