/**
 * Every GitHub workflow parses, pins third-party actions by commit, asks for the least
 * permissions and limits concurrency; ci.yml checks dist/ after synth; rendered-diff.yml has
 * exactly one job allowed to write to pull requests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = '.github/workflows';

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
}
interface Job {
  readonly permissions?: unknown;
  readonly steps?: readonly Step[];
}
interface Workflow {
  readonly permissions?: unknown;
  readonly concurrency?: unknown;
  readonly jobs: Record<string, Job>;
}

const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const load = (file: string): { text: string; workflow: Workflow } => {
  const text = readFileSync(join(DIR, file), 'utf8');
  return { text, workflow: parse(text) as Workflow };
};

/** `uses:` lines with their trailing comment, straight from the text (the parser drops comments). */
const usesLines = (text: string): string[] => [...text.matchAll(/^\s*-?\s*uses:\s*(.+)$/gm)].map((m) => (m[1] ?? '').trim());

/** Problems with one `uses:` value; `[]` when it is local or pinned to a full SHA with a version comment. */
function pinProblems(line: string): string[] {
  const ref =
    line
      .split('#')[0]
      ?.trim()
      .replace(/^['"]|['"]$/g, '') ?? '';
  if (ref.startsWith('./') || ref.startsWith('docker://')) return [];
  const [, version] = ref.split('@');
  const problems: string[] = [];
  if (!/^[0-9a-f]{40}$/.test(version ?? '')) problems.push(`${ref}: not pinned to a 40-hex commit SHA`);
  if (!/#\s*v\d+\.\d+\.\d+\b/.test(line)) problems.push(`${ref}: no "# vX.Y.Z" version comment`);
  return problems;
}

describe('pinProblems', () => {
  it('accepts a SHA with a version comment and local actions', () => {
    expect(pinProblems('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2')).toEqual([]);
    expect(pinProblems('./.github/actions/setup')).toEqual([]);
  });

  it('fails a tag, a short SHA and a missing comment', () => {
    expect(pinProblems('actions/checkout@v4')).toEqual([
      'actions/checkout@v4: not pinned to a 40-hex commit SHA',
      'actions/checkout@v4: no "# vX.Y.Z" version comment',
    ]);
    expect(pinProblems('actions/checkout@11bd719 # v4.2.2')).toEqual(['actions/checkout@11bd719: not pinned to a 40-hex commit SHA']);
    expect(pinProblems('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683')).toEqual([
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683: no "# vX.Y.Z" version comment',
    ]);
  });
});

describe('.github/workflows', () => {
  it('holds the four delivery workflows', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['ci.yml', 'rendered-diff.yml', 'resynth.yml', 'terraform.yml']));
  });

  describe.each(files)('%s', (file) => {
    const { text, workflow } = load(file);

    it('pins every third-party action to a commit SHA with a version comment', () => {
      const lines = usesLines(text);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.flatMap(pinProblems)).toEqual([]);
      // AND the parsed document agrees with the text scan (no `uses:` hidden in flow style)
      const parsed = Object.values(workflow.jobs).flatMap((j) => (j.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : [])));
      expect(parsed).toHaveLength(lines.length);
    });

    it('sets top-level permissions to contents: read, and no job gets write-all', () => {
      expect(workflow.permissions).toEqual({ contents: 'read' });
      for (const [name, job] of Object.entries(workflow.jobs)) {
        expect({ job: name, permissions: job.permissions }).not.toEqual({ job: name, permissions: 'write-all' });
        if (job.permissions !== undefined) expect(typeof job.permissions, `${name}.permissions`).toBe('object');
      }
    });

    it('has a concurrency group', () => {
      expect(workflow.concurrency).toMatchObject({ group: expect.stringMatching(/\S/) });
    });
  });

  it('ci.yml fails on a stale dist/ after synth, and runs verify', () => {
    const steps = load('ci.yml').workflow.jobs.ci?.steps ?? [];
    const synth = steps.findIndex((s) => s.run?.trim() === 'npm run synth');
    const stale = steps.findIndex(
      (s) => s.run?.includes('git diff --exit-code') && s.run.includes('dist') && s.run.includes('git ls-files --others'),
    );
    expect(synth).toBeGreaterThanOrEqual(0);
    expect(stale).toBeGreaterThan(synth);
    expect(steps.map((s) => s.run?.trim())).toEqual(
      expect.arrayContaining(['npm ci', 'npm run typecheck', 'npm run lint', 'npm test', 'npm run verify']),
    );
    const terraform = steps.findIndex((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(terraform).toBeGreaterThanOrEqual(0);
    expect(terraform).toBeLessThan(steps.findIndex((s) => s.run?.trim() === 'npm test'));
  });

  it('rendered-diff.yml has exactly one job that may write to pull requests', () => {
    const { jobs } = load('rendered-diff.yml').workflow;
    const writers = Object.entries(jobs).filter(
      ([, j]) => (j.permissions as Record<string, string> | undefined)?.['pull-requests'] === 'write',
    );
    expect(writers.map(([name]) => name)).toEqual(['comment']);
  });

  it('grants id-token: write only to jobs that assume an AWS role', () => {
    for (const file of files) {
      for (const [name, job] of Object.entries(load(file).workflow.jobs)) {
        const oidc = (job.permissions as Record<string, string> | undefined)?.['id-token'] === 'write';
        const assumesRole = (job.steps ?? []).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
        expect({ job: `${file}:${name}`, oidc }).toEqual({ job: `${file}:${name}`, oidc: assumesRole });
      }
    }
  });

  describe('terraform.yml: which environments a change plans', () => {
    const script = (load('terraform.yml').workflow.jobs.changes?.steps ?? []).find((st) => st.id === 'roots')?.run ?? '';
    const own = new RegExp(/^\s*own='([^']+)'$/m.exec(script)?.[1] ?? 'missing');
    /** The step's rule: a file outside every environment's own folder plans them all. */
    const planned = (files: string[]): string[] =>
      ['dev', 'staging', 'prod'].filter((env) => files.some((f) => !own.test(f) || f.startsWith(`terraform/environments/${env}/`)));

    it('plans only the environment whose own folder changed', () => {
      expect(script).toContain(`grep -vE "$own"`);
      expect(planned(['terraform/environments/staging/main.tf'])).toEqual(['staging']);
    });

    it('plans every environment when shared files change: _shared/, modules/, top-level files, the workflow', () => {
      for (const file of [
        'terraform/environments/_shared/outputs.tf',
        'terraform/modules/eks/main.tf',
        'terraform/cli.tfrc',
        '.github/workflows/terraform.yml',
      ])
        expect({ file, envs: planned([file]) }).toEqual({ file, envs: ['dev', 'staging', 'prod'] });
    });
  });
});
