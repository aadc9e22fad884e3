/**
 * A generated catalog of N valid, realistic services for `npm run bench`: teams (about N/8, declared
 * in teams.yaml), classes (api, worker, a few ml-gpu), callers among earlier services (so the graph
 * is acyclic and every caller exists), egress, S3 and SQS needs with the secrets Terraform writes
 * (rds, redis, sqs), KEDA queue scaling for some workers, and node-pool limits sized from the
 * generated demand. Deterministic: the same N and seed give the same files.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A small seeded generator (mulberry32): the same seed gives the same catalog. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = ['ledger', 'billing', 'fx', 'cards', 'kyc', 'fraud', 'payouts', 'statements', 'tax', 'loans', 'alerts', 'audit'];
const NOUNS = { api: 'api', worker: 'worker', 'ml-gpu': 'model' } as const;

type ServiceClass = keyof typeof NOUNS;

/** One generated service file's content (a plain object written as YAML). */
type ServiceFile = Record<string, unknown> & { name: string; team: string; class: ServiceClass };

/** Requests at maximum scale per pool, per environment shape (prod: declared numbers). */
interface Demand {
  general: { cpu: number; memoryGi: number };
  gpu: { cpu: number; memoryGi: number };
}

/** The generated catalog: team names, service files, and what the services ask of each pool in prod. */
export interface GeneratedCatalog {
  readonly teams: readonly string[];
  readonly services: readonly ServiceFile[];
  readonly demand: Demand;
}

/** Generates `count` services (seeded). */
export function generateCatalog(count: number, seed = 13): GeneratedCatalog {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const teamCount = Math.max(1, Math.ceil(count / 8));
  const teams = Array.from({ length: teamCount }, (_, i) => `${DOMAINS[i % DOMAINS.length]}-${Math.floor(i / DOMAINS.length) + 1}`);
  const services: ServiceFile[] = [];
  const callable: string[] = [];
  const queues: string[] = [];
  const demand: Demand = { general: { cpu: 0, memoryGi: 0 }, gpu: { cpu: 0, memoryGi: 0 } };
  for (let i = 0; i < count; i++) {
    const r = rnd();
    // About 1 in 25 services is a GPU model server, 1 in 3 a queue worker; the first is the public gateway.
    const cls: ServiceClass = i === 0 ? 'api' : r < 0.04 ? 'ml-gpu' : r < 0.37 ? 'worker' : 'api';
    const team = teams[i % teamCount] as string;
    const name = `${team.replace(/-\d+$/, '')}-${NOUNS[cls]}-${i + 1}`;
    const egress = new Set<string>(['aws-apis']);
    const secrets: Record<string, string>[] = [];
    const aws: { rdsIamUser?: string; s3?: Record<string, string>[]; sqs?: Record<string, string>[] } = {};
    if (cls !== 'ml-gpu' && rnd() < 0.6) {
      egress.add('postgres');
      secrets.push({ env: 'DB_HOST', key: 'rds', property: 'host' }, { env: 'DB_PORT', key: 'rds', property: 'port' });
      aws.rdsIamUser = name.replace(/-/g, '_');
    }
    if (cls === 'api' && rnd() < 0.25) {
      egress.add('redis');
      secrets.push({ env: 'REDIS_URL', key: 'redis', property: 'url' });
    }
    if (rnd() < 0.1) egress.add('internet-https');
    if (cls === 'ml-gpu' || rnd() < 0.2) aws.s3 = [{ bucket: `${name}-data`, access: cls === 'ml-gpu' ? 'read' : 'read-write' }];
    const sqs: Record<string, string>[] = [];
    let queue: string | undefined;
    if (cls === 'worker') {
      queue = `${name}-jobs`;
      sqs.push({ queue, access: 'consume' });
      secrets.push({ env: 'JOBS_QUEUE_URL', key: 'sqs', property: `${queue}-queue-url` });
    }
    if (queues.length > 0 && rnd() < 0.3) {
      const target = pick(queues);
      sqs.push({ queue: target, access: 'send' });
      secrets.push({ env: 'OUTBOX_QUEUE_URL', key: 'sqs', property: `${target}-queue-url` });
    }
    if (sqs.length > 0) aws.sqs = sqs;
    if (cls === 'api' && rnd() < 0.2) secrets.push({ env: 'SIGNING_KEY', key: `${name}/signing`, property: 'signing-key' });

    const gpu = cls === 'ml-gpu';
    const cpuReq = gpu ? 2 : pick([0.1, 0.2, 0.25, 0.5]);
    const memReqMi = gpu ? 8192 : pick([256, 512]);
    const replicas = gpu ? 2 : cls === 'worker' ? pick([2, 3, 4]) : pick([2, 3]);
    const maxReplicas = gpu ? 2 : replicas * pick([2, 3, 4]);
    const queueScaled = queue !== undefined && rnd() < 0.6;
    const autoscaling = gpu
      ? undefined
      : { maxReplicas, cpuUtilization: pick([65, 70]), ...(queueScaled ? { queue: { queue, messagesPerReplica: 100 } } : {}) };
    const pool = gpu ? demand.gpu : demand.general;
    pool.cpu += maxReplicas * cpuReq;
    pool.memoryGi += (maxReplicas * memReqMi) / 1024;

    const callers =
      callable.length > 0 && cls !== 'worker' ? [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(callable)))] : [];
    const spec: ServiceFile = {
      name,
      team,
      description: `${cls === 'worker' ? 'Processes' : 'Serves'} ${team.replace(/-\d+$/, '')} requests (generated service ${i + 1} of ${count}).`,
      class: cls,
      image: gpu ? { repository: name, initialTag: 'v1.0.0', track: 'semver' } : { repository: name, initialTag: `main-${100 + i}` },
      ...(cls === 'worker' ? {} : { port: 8080 }),
      metrics: { port: 9090, path: '/metrics' },
      probes: { readiness: '/readyz', liveness: '/livez', startup: '/livez' },
      replicas,
      ...(autoscaling ? { autoscaling } : {}),
      disruption: { minAvailable: 1 },
      resources: {
        requests: { cpu: `${Math.round(cpuReq * 1000)}m`, memory: `${memReqMi}Mi` },
        limits: { cpu: `${Math.round(cpuReq * 2000)}m`, memory: `${memReqMi * (gpu ? 1.75 : 2)}Mi` },
      },
      ...(gpu ? { gpus: 1 } : {}),
      placement: gpu ? 'gpu-spot' : cls === 'worker' ? 'spot' : 'on-demand',
      env: { LOG_LEVEL: 'info' },
      ...(secrets.length > 0 ? { secrets } : {}),
      ...(Object.keys(aws).length > 0 ? { aws } : {}),
      network: { ...(i === 0 ? { public: true } : {}), ...(callers.length > 0 ? { callers } : {}), egress: [...egress] },
      ...(cls === 'api' ? { mtls: rnd() < 0.5 } : {}),
      priority: rnd() < 0.2 ? 'critical' : 'standard',
    };
    services.push(spec);
    if (queue) queues.push(queue);
    if (cls !== 'worker') callable.push(name);
  }
  return { teams, services, demand };
}

/** Node-pool limits covering the generated demand (with room for rolling-update surge and add-ons) on top of `base`. */
function poolLimit(base: { cpu: number; memoryGi: number }, need: { cpu: number; memoryGi: number }): string {
  const cpu = Math.ceil(base.cpu + need.cpu * 1.5);
  const memory = Math.ceil(base.memoryGi + need.memoryGi * 1.5);
  return `{ limits: { cpu: '${cpu}', memory: ${memory}Gi } }`;
}

/**
 * Writes a scratch repository at `dir` (emptied first): the repo's `apps/` with the generated
 * services and teams in place of today's (and no flows, which name today's services), node-pool limits sized from the demand, and empty
 * Terraform environment folders that synth fills with catalog.json and contract.json.
 */
export function writeGeneratedRepo(dir: string, count: number, options: { repoRoot?: string; seed?: number } = {}): GeneratedCatalog {
  const repoRoot = options.repoRoot ?? process.cwd();
  const generated = generateCatalog(count, options.seed);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Today's services and the flows naming them (apps/flows/*.yaml) are replaced by the generated ones.
  const skipped = [join('apps', 'services', ''), join('apps', 'flows', '')];
  cpSync(join(repoRoot, 'apps'), join(dir, 'apps'), { recursive: true, filter: (src) => !skipped.some((s) => src.includes(s)) });
  mkdirSync(join(dir, 'apps', 'services'), { recursive: true });
  for (const s of generated.services) writeFileSync(join(dir, 'apps', 'services', `${s.name}.yaml`), stringify(s));
  writeFileSync(
    join(dir, 'apps', 'teams.yaml'),
    stringify({ teams: generated.teams.map((name) => ({ name, description: `Owns the ${name} services (generated).` })) }),
  );
  const envDir = join(dir, 'apps', 'environments');
  for (const file of readdirSync(envDir).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(join(envDir, file), 'utf8');
    // A k3s environment has no node pools to size (one node) and no Terraform.
    if (/^platform: k3s$/m.test(text)) continue;
    // Every environment is sized for prod's scale: dev and staging run fewer replicas, never more.
    const next = text
      .replace(/^ {2}general: .*$/m, `  general: ${poolLimit({ cpu: 200, memoryGi: 800 }, generated.demand.general)}`)
      .replace(/^ {2}gpu-spot: .*$/m, `  gpu-spot: ${poolLimit({ cpu: 32, memoryGi: 128 }, generated.demand.gpu)}`);
    if (next === text) throw new Error(`${join(envDir, file)}: no nodePools limits to size`);
    writeFileSync(join(envDir, file), next);
    mkdirSync(join(dir, 'terraform', 'environments', file.replace(/\.yaml$/, '')), { recursive: true });
  }
  return generated;
}
