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
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly permissions?: unknown;
  readonly needs?: string | readonly string[];
  readonly environment?: unknown;
  readonly outputs?: Record<string, string>;
  readonly steps?: readonly Step[];
}
interface Workflow {
  readonly on?: unknown;
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

const runs = (job: Job | undefined): string[] => (job?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
const terraformCommands = (job: Job | undefined, verb: string): string[] =>
  runs(job).flatMap((r) => r.split('\n').filter((l) => new RegExp(`^\\s*terraform ${verb}\\b`).test(l)));
const roleOf = (job: Job | undefined): string =>
  String((job?.steps ?? []).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume'] ?? '');

/**
 * terraform.yml's promises about CI roles: pull-request plans never take the state lock, the plan
 * applied is the saved plan a reviewer saw (artifact + sha256 checked before apply), and apply never
 * plans again.
 */
function terraformWorkflowProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  const { plan, apply } = wf.jobs;
  const release = wf.jobs['release-plan'];
  for (const [name, job] of [
    ['plan', plan],
    ['release-plan', release],
  ] as const) {
    if (!job) {
      problems.push(`no ${name} job`);
      continue;
    }
    if (!roleOf(job).includes('TF_PLAN_ROLE_ARN')) problems.push(`${name}: does not use the read-only plan role`);
    for (const cmd of [...terraformCommands(job, 'init'), ...terraformCommands(job, 'plan')])
      if (!cmd.includes('-lock=false')) problems.push(`${name}: "${cmd.trim()}" takes the state lock`);
  }
  if (release) {
    for (const env of ['dev', 'staging', 'prod'])
      if (!release.outputs?.[`sha256-${env}`]) problems.push(`release-plan: no sha256-${env} output`);
    if (!(release.steps ?? []).some((s) => s.uses?.startsWith('actions/upload-artifact@')))
      problems.push('release-plan: the plan file is not uploaded');
  }
  if (!apply) return [...problems, 'no apply job'];
  const needs = [apply.needs ?? []].flat();
  if (!needs.includes('release-plan')) problems.push('apply: does not need release-plan');
  if (terraformCommands(apply, 'plan').length) problems.push('apply: plans again instead of applying the reviewed plan');
  const steps = apply.steps ?? [];
  const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact@'));
  const check = steps.findIndex((s) => /sha256sum --check/.test(s.run ?? '') && /needs\.release-plan\.outputs/.test(JSON.stringify(s)));
  const applyAt = steps.findIndex((s) => /^\s*terraform apply tfplan\s*$/m.test(s.run ?? ''));
  if (download < 0) problems.push('apply: does not download the reviewed plan');
  if (check < 0 || check < download)
    problems.push("apply: does not check the plan's sha256 against release-plan's output after downloading it");
  if (applyAt < 0 || applyAt < check) problems.push('apply: does not run "terraform apply tfplan" after the hash check');
  return problems;
}

/** terraform-drift.yml: scheduled, read-only, and loud (fails and opens an issue) when the plan has changes. */
function driftProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  if (!(wf.on && typeof wf.on === 'object' && 'schedule' in wf.on)) problems.push('not scheduled');
  const job = wf.jobs.drift;
  if (!job) return [...problems, 'no drift job'];
  if (!roleOf(job).includes('TF_PLAN_ROLE_ARN')) problems.push('does not use the read-only plan role');
  const plans = terraformCommands(job, 'plan');
  if (!plans.some((p) => p.includes('-detailed-exitcode')))
    problems.push('plan without -detailed-exitcode cannot tell drift from no drift');
  for (const cmd of [...terraformCommands(job, 'init'), ...plans])
    if (!cmd.includes('-lock=false')) problems.push(`"${cmd.trim()}" takes the state lock`);
  const all = runs(job).join('\n');
  if (!/gh issue create/.test(all)) problems.push('opens no issue on drift');
  if (!/exit 1\s*$/.test(runs(job).at(-1)?.trim() ?? '')) problems.push('does not fail the run on drift');
  if ((job.permissions as Record<string, string> | undefined)?.issues !== 'write') problems.push('needs issues: write to open the issue');
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
    expect(files.sort()).toEqual(
      expect.arrayContaining(['ci.yml', 'rendered-diff.yml', 'resynth.yml', 'terraform.yml', 'terraform-drift.yml']),
    );
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

  describe('terraform.yml: the plan reviewed is the plan applied, and plans never lock state', () => {
    const wf = load('terraform.yml').workflow;
    const withJob = (name: string, job: Job): Workflow => ({ ...wf, jobs: { ...wf.jobs, [name]: job } });
    const apply = wf.jobs.apply!;

    it('holds for terraform.yml', () => {
      expect(terraformWorkflowProblems(wf)).toEqual([]);
    });

    it('fails an apply job that plans again, or skips the hash check', () => {
      const replans = withJob('apply', {
        ...apply,
        steps: [...(apply.steps ?? []).slice(0, -1), { run: 'terraform plan -out=tfplan' }, { run: 'terraform apply tfplan' }],
      });
      expect(terraformWorkflowProblems(replans)).toEqual(['apply: plans again instead of applying the reviewed plan']);
      const unchecked = withJob('apply', { ...apply, steps: (apply.steps ?? []).filter((s) => !s.run?.includes('sha256sum')) });
      expect(terraformWorkflowProblems(unchecked)).toEqual([
        "apply: does not check the plan's sha256 against release-plan's output after downloading it",
      ]);
    });

    it('fails a pull-request plan that takes the state lock', () => {
      const plan = wf.jobs.plan!;
      const locking = withJob('plan', {
        ...plan,
        steps: (plan.steps ?? []).map((s) => (s.run?.includes('terraform init') ? { ...s, run: 'terraform init' } : s)),
      });
      expect(terraformWorkflowProblems(locking)).toEqual(['plan: "terraform init" takes the state lock']);
    });
  });

  describe('terraform-drift.yml: a scheduled drift plan that fails visibly and opens an issue', () => {
    const wf = load('terraform-drift.yml').workflow;

    it('holds for terraform-drift.yml', () => {
      expect(driftProblems(wf)).toEqual([]);
    });

    it('fails an unscheduled, silent drift job', () => {
      const drift = wf.jobs.drift!;
      const silent: Workflow = {
        ...wf,
        on: { workflow_dispatch: null },
        jobs: {
          drift: {
            ...drift,
            permissions: { contents: 'read', 'id-token': 'write' },
            steps: (drift.steps ?? []).filter((s) => !s.run?.includes('gh issue')),
          },
        },
      };
      expect(driftProblems(silent)).toEqual([
        'not scheduled',
        'opens no issue on drift',
        'does not fail the run on drift',
        'needs issues: write to open the issue',
      ]);
    });
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
