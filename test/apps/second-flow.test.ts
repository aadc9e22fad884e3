/**
 * A second flow is one flow file and one worker file: GIVEN a copy of the catalog with a copy of the
 * committed flow (new name, queue, topic and worker) WHEN it is loaded and rendered THEN nothing else
 * needed editing — the new worker scales on its own queue, the data and notify services admit it,
 * verify's network check passes against the Terraform catalog synth would write, the contract names
 * the new queue, dead-letter queue and topic, and the observability folder alerts on them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../apps/catalog.ts';
import { resolveEnvironment } from '../../apps/resolved-environment.ts';
import { awsContract, terraformCatalog } from '../../apps/terraform-catalog.ts';
import type { RenderedApp } from '../../charts/rendered-app.ts';
import { renderCatalog } from '../../scripts/synth/render.ts';
import { networkCheck } from '../../scripts/verify/checks/network.ts';
import type { DistObject, KubeObject } from '../../scripts/verify/model.ts';
import { networkContractSchema } from '../../scripts/verify/network-contract.ts';
import { CRDS_DIR } from '../verify/fixtures.ts';
import { workspace, type Workspace } from '../support/fixture.ts';

const repo = loadCatalog();
const first = repo.flows[0]!;
const NAME = `${first.spec.name}-x`;
const WORKER = `${first.spec.worker}-x`;
const QUEUE = `${first.spec.queue.name}-x`;
const TOPIC = `${first.spec.notify.topic}-x`;

let ws: Workspace;
let catalog: Catalog;
let apps: readonly RenderedApp[];

beforeAll(() => {
  ws = workspace();
  const workerFile = repo.services.find((s) => s.spec.name === first.spec.worker)!.file;
  const worker = readFileSync(workerFile, 'utf8')
    .replace(`name: ${first.spec.worker}\n`, `name: ${WORKER}\n`)
    .replace(/repository: [a-z0-9-]+/, `repository: ${WORKER}`);
  ws.write(`apps/services/${WORKER}.yaml`, worker);
  const flow = readFileSync(first.file, 'utf8')
    .replace(`name: ${first.spec.name}\n`, `name: ${NAME}\n`)
    .replace(`\n  name: ${first.spec.queue.name}`, `\n  name: ${QUEUE}`)
    .replace(`worker: ${first.spec.worker}`, `worker: ${WORKER}`)
    .replace(`topic: ${first.spec.notify.topic}`, `topic: ${TOPIC}`);
  ws.write(`apps/flows/${NAME}.yaml`, flow);
  catalog = loadCatalog({ root: `${ws.root}/apps`, cwd: ws.root });
  const rendered = renderCatalog(catalog);
  expect(rendered.issues).toEqual([]);
  apps = rendered.apps;
});
afterAll(() => ws.dispose());

const objectsOf = (env: string): DistObject[] =>
  apps
    .filter((a) => a.env === env)
    .flatMap((a) =>
      a.objects.map((o) => ({
        env,
        app: a.name,
        file: `${env}/${a.name}/${o.kind}-${o.metadata.name}.yaml`,
        object: o as unknown as KubeObject,
      })),
    );

describe('a second flow', () => {
  it('loads: the copy is a valid flow with its own worker, queue and topic', () => {
    expect(catalog.flows.map((f) => f.spec.name)).toContain(NAME);
    const byName = new Map(catalog.services.map((s) => [s.spec.name, s.spec]));
    expect(byName.get(WORKER)!.autoscaling?.queue?.queue).toBe(QUEUE);
    expect(byName.get(first.spec.data)!.network.callers).toEqual(expect.arrayContaining([first.spec.worker, WORKER]));
    expect(byName.get(first.spec.notify.service)!.aws.sns.map((t) => t.topic)).toEqual(
      expect.arrayContaining([first.spec.notify.topic, TOPIC]),
    );
  });

  for (const envName of ['staging', 'prod']) {
    it(`${envName}: renders its worker on its own queue and passes the network check against the Terraform catalog`, async () => {
      const env = catalog.environments.find((e) => e.spec.name === envName)!;
      const objects = objectsOf(envName);
      const scaled = objects.find((o) => o.object.kind === 'ScaledObject' && o.object.metadata.name === WORKER);
      expect(JSON.stringify(scaled?.object)).toContain(env.names.queueUrl(env.names.queueName(QUEUE)));
      const model = resolveEnvironment(catalog, env);
      const contract = networkContractSchema.parse(terraformCatalog(model));
      const findings = await networkCheck.run(
        {
          objects,
          apps: [...new Set(objects.map((o) => o.app))].map((app) => ({ env: envName, app, dir: `/dist/${envName}/${app}` })),
          networkContracts: new Map([[envName, contract]]),
        },
        { crdsDir: CRDS_DIR },
      );
      expect(findings.map((f) => `${f.rule} ${f.name}: ${f.message}`)).toEqual([]);
      // Terraform and verify learn the new names from the contract synth would write.
      const aws = awsContract(model) as {
        queues: { name: string; deadLetterQueue?: string }[];
        topics: { name: string; publishers: string[] }[];
      };
      const queue = aws.queues.find((q) => q.name === env.names.queueName(QUEUE));
      expect(queue?.deadLetterQueue).toBe(env.names.deadLetterQueueName(env.names.queueName(QUEUE)));
      expect(aws.topics.find((t) => t.name === env.names.topicName(TOPIC))?.publishers).toEqual([
        env.names.serviceRoleArn(first.spec.notify.service),
      ]);
      const rule = objects.find((o) => o.object.kind === 'PrometheusRule' && o.object.metadata.name === `flow-${NAME}-alerts`);
      expect(JSON.stringify(rule?.object)).toContain(queue!.deadLetterQueue!);
    });
  }
});
