/**
 * Tenants in the catalog (apps/tenants/*.yaml): a valid pool and silo tenant load; each malformed
 * tenant fails synth with one `file:line: field: message`. The test writes its own tenant files
 * (never today's tenants) into a scratch copy of the catalog.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../apps/catalog.ts';
import { ENVIRONMENT_NAMES } from '../../apps/schema/common.ts';
import { poolDemand } from '../../apps/resolve-cluster.ts';
import { resolveEnvironment } from '../../apps/resolved-environment.ts';
import { siloDedicated, tenantWorkQueues } from '../../apps/tenant-rules.ts';
import { renderCatalog } from '../../scripts/synth/render.ts';
import { workspace, type Workspace } from '../support/fixture.ts';
import { pipelineErrors } from '../support/pipeline.ts';

const T = 'apps/tenants';
const SILO = 'name: zz-silo\ndisplayName: Zz Silo\nmode: silo\n';
const POOL = 'name: zz-pool\ndisplayName: Zz Pool\nmode: pool\n';

/** Runs `fn` on a catalog copy whose only tenants are `files`. */
function withTenants<R>(files: Record<string, string>, fn: (ws: Workspace) => R, arrange?: (ws: Workspace) => void): R {
  const ws = workspace();
  try {
    const dir = join(ws.apps, 'tenants');
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
    for (const [name, text] of Object.entries(files)) ws.write(`${T}/${name}`, text);
    arrange?.(ws);
    return fn(ws);
  } finally {
    ws.dispose();
  }
}
const errors = (files: Record<string, string>, arrange?: (ws: Workspace) => void): string[] =>
  withTenants(files, (ws) => pipelineErrors(ws.root), arrange);

/** Removes `tenancy.siloDedicated` from every service: no service is dedicated any more. */
function noDedicatedServices(ws: Workspace): void {
  // ws.write replaces the file (workspace files may be hard-linked copies).
  for (const f of readdirSync(join(ws.apps, 'services')))
    ws.write(`apps/services/${f}`, ws.read(`apps/services/${f}`).replace(/^tenancy:.*\n/m, ''));
}

describe('tenants in the catalog', () => {
  it('loads a pool and a silo tenant, present in every environment by default', () => {
    const tenants = withTenants(
      { 'zz-pool.yaml': POOL, 'zz-silo.yaml': SILO },
      (ws) => loadCatalog({ root: ws.apps, cwd: ws.root }).tenants,
    );
    expect(tenants.map((t) => [t.file, t.spec.mode, t.spec.environments])).toEqual([
      [`${T}/zz-pool.yaml`, 'pool', [...ENVIRONMENT_NAMES]],
      [`${T}/zz-silo.yaml`, 'silo', [...ENVIRONMENT_NAMES]],
    ]);
  });

  it('renders a silo tenant only in the environments it lists', () => {
    const apps = withTenants({ 'zz-silo.yaml': `${SILO}environments: [prod]\n` }, (ws) =>
      renderCatalog(loadCatalog({ root: ws.apps, cwd: ws.root }))
        .apps.filter((a) => a.name === 'tenant-zz-silo')
        .map((a) => a.env),
    );
    expect(apps).toEqual(['prod']);
  });

  it('renders a silo tenant in every environment with cloud IAM, never on k3s', () => {
    const envs = withTenants({ 'zz-silo.yaml': SILO }, (ws) => {
      const catalog = loadCatalog({ root: ws.apps, cwd: ws.root });
      const rendered = renderCatalog(catalog)
        .apps.filter((a) => a.name === 'tenant-zz-silo')
        .map((a) => a.env);
      const cloud = catalog.environments.filter((e) => e.platform.cloudIam).map((e) => e.spec.name);
      return { rendered, cloud };
    });
    expect(envs.rendered.sort()).toEqual(envs.cloud.sort());
    expect(envs.cloud.length).toBeLessThan(ENVIRONMENT_NAMES.length);
  });

  it('renders with the tenants and without any', () => {
    expect(errors({ 'zz-pool.yaml': POOL, 'zz-silo.yaml': SILO })).toEqual([]);
    expect(errors({})).toEqual([]);
  });

  const cases: { name: string; files: Record<string, string>; arrange?: (ws: Workspace) => void; message: string }[] = [
    {
      name: 'unknown mode',
      files: { 'zz-silo.yaml': SILO.replace('mode: silo', 'mode: bridge') },
      message: `${T}/zz-silo.yaml:3: mode: Invalid option: expected one of "pool"|"silo"`,
    },
    {
      name: 'unknown field',
      files: { 'zz-silo.yaml': `${SILO}plan: gold\n` },
      message: `${T}/zz-silo.yaml:4: plan: unknown field "plan"`,
    },
    {
      name: 'name differs from the file name',
      files: { 'zz-other.yaml': SILO },
      message: `${T}/zz-other.yaml:1: name: "zz-silo" must match the file name "zz-other"`,
    },
    {
      name: 'name too long for the AWS names derived from it',
      files: { 'a-tenant-name-far-too-long.yaml': SILO.replace('zz-silo', 'a-tenant-name-far-too-long') },
      message: `${T}/a-tenant-name-far-too-long.yaml:1: name: must be at most 20 characters: it becomes part of IAM role and SQS queue names`,
    },
    {
      name: 'unknown environment',
      files: { 'zz-silo.yaml': `${SILO}environments: [prod, qa]\n` },
      message: `${T}/zz-silo.yaml:4: environments[1]: Invalid option: expected one of ${ENVIRONMENT_NAMES.map((e) => `"${e}"`).join('|')}`,
    },
    {
      name: 'silo tenant while no service is dedicated',
      files: { 'zz-silo.yaml': SILO },
      arrange: noDedicatedServices,
      message: `${T}/zz-silo.yaml:3: mode: "silo" needs at least one service with tenancy.siloDedicated: true in apps/services/ (nothing would run in its namespace)`,
    },
    {
      name: 'tenant namespace is a team',
      files: { 'zz-silo.yaml': SILO },
      arrange: (ws) =>
        ws.edit(
          'apps/teams.yaml',
          'teams:\n',
          'teams:\n  - name: tenant-zz-silo\n    description: A team named like a tenant namespace.\n',
        ),
      message: `${T}/zz-silo.yaml:1: name: namespace "tenant-zz-silo" is already a team in apps/teams.yaml`,
    },
  ];
  for (const c of cases) {
    it(`fails: ${c.name}`, () => {
      expect(errors(c.files, c.arrange)).toEqual([c.message]);
    });
  }
});

describe('silo tenants and node capacity', () => {
  it('refuses a silo tenant whose copies no longer fit the NodePool limits', () => {
    const catalog = loadCatalog();
    const prod = catalog.environments.find((e) => e.spec.name === 'prod')!;
    const model = resolveEnvironment(catalog, prod);
    const pool = siloDedicated(model.services)[0]!.scheduling.nodePool;
    // Limits that exactly fit the services alone.
    const fits = Math.ceil(poolDemand(model)[pool].cpu);
    const found = errors({ 'zz-silo.yaml': SILO }, (ws) =>
      ws.edit('apps/environments/prod.yaml', new RegExp(`(${pool}: \\{ limits: \\{ cpu: )'[0-9]+'`), `$1'${fits}'`),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(`^apps/environments/prod\\.yaml:\\d+: nodePools\\.${pool}\\.limits\\.cpu: 'limits\\.cpu' \\(${fits}\\) must be >= `),
    );
  });
});

describe('silo copies and work queues', () => {
  it("uses the tenant's own queue wherever a dedicated service's work queue was", () => {
    // GIVEN every service consuming a queue dedicated as well (the catalog's choice is not assumed)
    const consumers = (ws: Workspace): string[] =>
      readdirSync(join(ws.apps, 'services')).filter((f) => /\n\s*-? ?\{?[^\n]*access: consume/.test(ws.read(`apps/services/${f}`)));
    const rendered = withTenants(
      { 'zz-silo.yaml': SILO },
      (ws) => {
        const catalog = loadCatalog({ root: ws.apps, cwd: ws.root });
        const work = [...tenantWorkQueues(catalog.services)];
        const app = renderCatalog(catalog).apps.find((a) => a.env === 'prod' && a.name === 'tenant-zz-silo');
        return { work, text: JSON.stringify(app?.objects ?? []) };
      },
      (ws) => {
        for (const f of consumers(ws)) {
          const text = ws.read(`apps/services/${f}`).replace(/^tenancy:.*\n/m, '');
          ws.write(`apps/services/${f}`, `${text}tenancy: { siloDedicated: true }\n`);
        }
      },
    );
    expect(rendered.work.length).toBeGreaterThan(0);
    expect(rendered.text).toContain('https://sqs.us-east-1.amazonaws.com/123456789012/fintrack-prod-tenant-zz-silo');
    for (const q of rendered.work) {
      expect(rendered.text, `shared queue ${q} in the tenant's objects`).not.toContain(`/fintrack-prod-${q}"`);
      expect(rendered.text, `secret property ${q}-queue-url in the tenant's objects`).not.toContain(`"${q}-queue-url"`);
    }
  });
});
