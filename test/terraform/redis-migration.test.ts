/**
 * Redis cluster mode on an existing group (terraform/README.md "Redis cluster mode"): GIVEN a state
 * holding the replication group as it was (cluster mode disabled, 3 nodes; fixture) WHEN the real
 * aws provider plans modules/data offline for each migration step and for the target THEN the group
 * is updated in place, never deleted or replaced (FT_DATA_STORE_KEPT finds nothing).
 * AWS itself only accepts the steps in order (compatible, enabled, then resharding); the provider
 * plans each as an update (none of the changed arguments is ForceNew).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { allChecks, type PlanJson } from './checks/index.ts';
import { readCached, rootDigest, writeCached } from './result-cache.ts';
import { dataDirFor, describeResult, describeTerraform, OFFLINE_AWS_ENV, runDir, terraform, terraformDir } from './terraform.ts';

const TIMEOUT = 600_000;
const fixture = join(import.meta.dirname, 'fixtures', 'redis-cluster-mode-disabled.tfstate.json');

/** A root that calls modules/data with the fixture's names; `redis` is the variable under test. */
const root = (moduleDir: string) => `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

variable "redis" {
  type = any
}

module "data" {
  source = "${moduleDir}"

  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary/fintrack-test-workload-boundary"
  name_prefix          = "fintrack-test"
  account_id           = "123456789012"
  region               = "us-east-1"
  vpc_id               = "vpc-0123456789abcdef0"
  isolated_subnet_ids  = ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"]
  client_cidrs         = ["10.0.11.0/24", "10.0.12.0/24", "10.0.13.0/24"]
  kms_key_arns = { for k, n in { rds = 1, elasticache = 2, s3 = 3, sqs = 4, secrets = 5, logs = 6 } : k => "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-00000000000\${n}" }
  postgres = { instance_class = "db.r6g.large", allocated_storage = 100, max_allocated_storage = 500, multi_az = true, backup_retention_period = 35 }
  redis    = var.redis
  buckets  = { reports = {} }
  queues   = ["transactions"]
}
`;

const steps = {
  'step 1, compatible': 'cluster_mode = "compatible", num_cache_clusters = 3',
  'step 3, enabled with one shard': 'cluster_mode = "enabled", num_node_groups = 1, replicas_per_node_group = 2',
  'target, 3 shards x 2 replicas': 'num_node_groups = 3, replicas_per_node_group = 2',
} as const;

describeTerraform('Redis cluster mode migration (offline plans against a cluster-mode-disabled state)', () => {
  const dir = join(runDir, 'redis-migration');
  const env = { ...OFFLINE_AWS_ENV, TF_DATA_DIR: dataDirFor('redis-migration') };
  const plans = new Map<string, Promise<PlanJson>>();

  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.tf'), root(join(terraformDir, 'modules', 'data')));
    // A plan of the same inputs made before on this machine is read back (result-cache.ts; never in CI).
    const digestOf = (redis: string) =>
      rootDigest(join(terraformDir, 'modules', 'data'), terraformDir, [root('modules/data'), readFileSync(fixture, 'utf8'), redis]);
    const stored = new Map(Object.entries(steps).map(([name, redis]) => [name, readCached<PlanJson>(`redis-${name}`, digestOf(redis))]));
    let initialised: Promise<Awaited<ReturnType<typeof terraform>>> | undefined;
    const init = () => (initialised ??= terraform(['init', '-input=false', '-no-color'], { cwd: dir, env }));
    // Plans one after another: each writes its own plan file but they share the state and data dir.
    let previous: Promise<unknown> = Promise.resolve();
    for (const [name, redis] of Object.entries(steps)) {
      const file = `${name.replace(/\W+/g, '-')}.tfplan`;
      const cached = stored.get(name);
      if (cached) {
        plans.set(name, Promise.resolve(cached));
        continue;
      }
      const plan = previous.then(async () => {
        const r0 = await init();
        if (r0.code !== 0) throw new Error(describeResult(r0));
        copyFileSync(fixture, join(dir, 'terraform.tfstate'));
        const vars = `redis={ node_type = "cache.r6g.large", automatic_failover = true, ${redis} }`;
        const r = await terraform(['plan', '-refresh=false', '-lock=false', '-input=false', '-no-color', `-out=${file}`, '-var', vars], { cwd: dir, env });
        if (r.code !== 0) throw new Error(describeResult(r));
        const show = await terraform(['show', '-json', file], { cwd: dir, env });
        if (show.code !== 0) throw new Error(describeResult(show));
        const json = JSON.parse(show.stdout) as PlanJson;
        writeCached(`redis-${name}`, digestOf(redis), json);
        return json;
      });
      plans.set(name, plan);
      previous = plan.catch(() => undefined);
    }
  });

  for (const name of Object.keys(steps)) {
    it(`${name}: updates the replication group in place`, async () => {
      const plan = await plans.get(name)!;
      const group = plan.resource_changes?.find((r) => r.type === 'aws_elasticache_replication_group');
      expect(group?.change.actions).toEqual(['update']);
      const kept = allChecks.find((c) => c.id === 'FT_DATA_STORE_KEPT')!;
      expect(kept.evaluate(plan, { environment: 'prod' })).toEqual([]);
    }, TIMEOUT);
  }
});
