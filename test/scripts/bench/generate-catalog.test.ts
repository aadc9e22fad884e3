/**
 * The bench's catalog generator: deterministic, internally consistent, and valid end to end (synth
 * and verify in-process on 20 generated services find nothing; shrinking a node pool below the
 * generated demand makes synth refuse it, so the sizing is what keeps it valid).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synth } from '../../../scripts/synth/synth-command.ts';
import { generateCatalog, writeGeneratedRepo } from '../../../scripts/bench/generate-catalog.ts';
import { verifyDist } from '../../../scripts/verify/run-verify.ts';

const CRDS_DIR = process.env.CRDS_DIR ?? '../shared/crds';

describe('generateCatalog', () => {
  it('gives the same catalog for the same seed and another for another seed', () => {
    expect(generateCatalog(40, 7)).toEqual(generateCatalog(40, 7));
    expect(generateCatalog(40, 8)).not.toEqual(generateCatalog(40, 7));
  });

  it('declares about N/8 teams, names existing earlier services as callers, and mixes classes', () => {
    const { teams, services } = generateCatalog(200);
    expect(teams.length).toBe(25);
    expect(new Set(services.map((s) => s.team))).toEqual(new Set(teams));
    const index = new Map(services.map((s, i) => [s.name, i]));
    expect(index.size).toBe(services.length);
    services.forEach((s, i) => {
      const callers = ((s.network as { callers?: string[] }).callers ?? []).map((c) => index.get(c));
      for (const c of callers) expect(c !== undefined && c < i, `${s.name} callers`).toBe(true);
    });
    const classes = new Set(services.map((s) => s.class));
    expect(classes).toEqual(new Set(['api', 'worker', 'ml-gpu']));
    const queueScaled = services.filter((s) => (s.autoscaling as { queue?: unknown } | undefined)?.queue !== undefined);
    expect(queueScaled.length).toBeGreaterThan(0);
    expect(services.filter((s) => (s.network as { public?: boolean }).public)).toHaveLength(1);
  });
});

describe('writeGeneratedRepo', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fintrack-bench-test-'));
    writeGeneratedRepo(root, 20);
    const r = synth({ cwd: root });
    expect(r.err).toEqual([]);
    expect(r.exitCode).toBe(0);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('renders 20 services that verify accepts with zero errors', async () => {
    const result = await verifyDist(join(root, 'dist'), { crdsDir: CRDS_DIR });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.apps).toBeGreaterThan(20 * 3);
  });

  it('is refused when a node pool is smaller than the generated demand', () => {
    const env = join(root, 'apps', 'environments', 'prod.yaml');
    writeFileSync(env, readFileSync(env, 'utf8').replace(/^ {2}general: .*$/m, "  general: { limits: { cpu: '4', memory: 16Gi } }"));
    const r = synth({ cwd: root, check: true });
    expect(r.exitCode).toBe(2);
    expect(r.err.join('\n')).toMatch(/nodePools/);
  });
});
