/**
 * Every GitHub workflow parses, pins third-party actions by commit, asks for the least
 * permissions and limits concurrency; ci.yml checks dist/ after synth; rendered-diff.yml has
 * exactly one job allowed to write to pull requests; terraform.yml and terraform-drift.yml keep
 * their promises about layered state (test/github/terraform-workflow-checks.ts), each shown to
 * fail on a mutated copy of the workflow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { layerDir, layers, terraformEnvironments } from '../../scripts/tf-layers.ts';
import {
  checkProblems,
  driftProblems,
  layerList,
  layerListProblems,
  terraformWorkflowProblems,
  type Step,
  type Workflow,
} from './terraform-workflow-checks.ts';

const DIR = '.github/workflows';

/** A copy of `wf` whose job `name` has every run script passed through `edit`. */
function mutateRuns(wf: Workflow, name: string, edit: (run: string) => string): Workflow {
  const job = wf.jobs[name]!;
  const steps = (job.steps ?? []).map((s) => (s.run ? { ...s, run: edit(s.run) } : s));
  return { ...wf, jobs: { ...wf.jobs, [name]: { ...job, steps } } };
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

  describe('terraform.yml and terraform-drift.yml: one layer list, equal to scripts/tf-layers.ts', () => {
    describe.each(['terraform.yml', 'terraform-drift.yml'])('%s', (file) => {
      const wf = load(file).workflow;

      it('spells the layers once, in env.LAYERS, in the apply order of scripts/tf-layers.ts', () => {
        expect(layerList(wf)).toEqual([...layers]);
        expect(layerListProblems(wf, layers)).toEqual([]);
      });

      it('fails a reordered list and a second list in a matrix', () => {
        const swapped = [layers[1], layers[0], ...layers.slice(2)].join(' ');
        expect(layerListProblems({ ...wf, env: { ...wf.env, LAYERS: swapped } }, layers)).toEqual([
          `env.LAYERS is "${swapped}", not "${layers.join(' ')}"`,
        ]);
        const [name, job] = Object.entries(wf.jobs).find(([, j]) => j.strategy?.matrix)!;
        const second = {
          ...wf,
          jobs: { ...wf.jobs, [name]: { ...job, strategy: { matrix: { env: [...terraformEnvironments], layer: [...layers] } } } },
        };
        expect(layerListProblems(second, layers)).toEqual(
          layers.map((l, i) => `jobs.${name}.strategy.matrix.layer[${i}]: names layer "${l}" outside env.LAYERS`),
        );
      });
    });
  });

  describe('terraform.yml: fmt once, every layer root validated, module tests once', () => {
    const wf = load('terraform.yml').workflow;

    it('holds for terraform.yml', () => {
      expect(checkProblems(wf)).toEqual([]);
    });

    it('fails terraform test in the per-environment check, and a missing fmt, validate or module test job', () => {
      const check = wf.jobs.check!;
      const perEnv = mutateRuns(wf, 'check', (r) => `${r}\nterraform -chdir="$layer" test`);
      expect(checkProblems(perEnv)).toEqual(['check: runs terraform test per environment (the layer roots have no tests)']);
      const { fmt: _fmt, 'module-tests': _tests, ...rest } = wf.jobs;
      const noValidate = { ...check, steps: (check.steps ?? []).filter((s) => !s.run?.includes('validate')) };
      expect(checkProblems({ ...wf, jobs: { ...rest, check: noValidate } })).toEqual([
        'no single (non-matrix) job runs "terraform fmt -check -recursive terraform"',
        'check: does not init -backend=false and validate every layer root',
        'no single job runs terraform test in every terraform/modules/* with a tests/ folder',
      ]);
    });
  });

  describe('terraform.yml: the plans reviewed are the plans applied, layer by layer, and plans never lock state', () => {
    const wf = load('terraform.yml').workflow;
    const apply = wf.jobs.apply!;
    const problems = (w: Workflow): string[] => terraformWorkflowProblems(w, terraformEnvironments);
    const applySteps = (steps: Step[]): Workflow => ({ ...wf, jobs: { ...wf.jobs, apply: { ...apply, steps } } });
    const stepIndex = (pattern: RegExp): number => (apply.steps ?? []).findIndex((s) => pattern.test(s.run ?? ''));

    it('holds for terraform.yml', () => {
      expect(problems(wf)).toEqual([]);
    });

    it('fails an init or plan that takes the state lock in plan or release-plan', () => {
      const planInit = mutateRuns(wf, 'plan', (r) => r.replace('init -lock=false', 'init'));
      expect(problems(planInit)).toEqual(['plan: "terraform -chdir="$layer" init || status=1" takes the state lock']);
      const releasePlan = mutateRuns(wf, 'release-plan', (r) => r.replace('plan -lock=false -out', 'plan -out'));
      expect(problems(releasePlan)).toEqual([
        'release-plan: "terraform -chdir="$layer" plan -out="${plans}/${layer}.tfplan"" takes the state lock',
      ]);
    });

    it('fails a release-plan that saves one plan for all layers, or records no hash per environment', () => {
      const oneFile = mutateRuns(wf, 'release-plan', (r) => r.replace('-out="${plans}/${layer}.tfplan"', '-out="${plans}/all.tfplan"'));
      expect(problems(oneFile)).toEqual(['release-plan: does not save one plan file per layer']);
      const release = wf.jobs['release-plan']!;
      const { [`sha256-${terraformEnvironments[0]}`]: _dropped, ...outputs } = release.outputs ?? {};
      const noOutput = { ...wf, jobs: { ...wf.jobs, 'release-plan': { ...release, outputs } } };
      expect(problems(noOutput)).toEqual([`release-plan: no sha256-${terraformEnvironments[0]} output`]);
      const unhashed = mutateRuns(wf, 'release-plan', (r) => r.replace(/sha256sum "\$\{layer\}\.tfplan"/, 'cat "${layer}.tfplan"'));
      expect(problems(unhashed)).toEqual(["release-plan: does not record the sha256 of every layer's plan in its output"]);
    });

    it('fails an apply that skips the hash check, checks after applying, or checks only the list', () => {
      const steps = [...(apply.steps ?? [])];
      const check = stepIndex(/sha256sum --check/);
      const applyAt = stepIndex(/ apply "/);
      expect(problems(applySteps(steps.filter((_, i) => i !== check)))).toEqual([
        "apply: does not check the plans' SHA256SUMS against release-plan's output, its layers and every file, after downloading them",
      ]);
      const late = [...steps.slice(0, check), ...steps.slice(check + 1, applyAt + 1), steps[check]!, ...steps.slice(applyAt + 1)];
      expect(problems(applySteps(late))).toEqual(['apply: applies before the hash check']);
      const listOnly = steps.map((s, i) =>
        i === check ? { ...s, run: s.run?.replace(/if ! sha256sum --check --strict SHA256SUMS/, 'if false') } : s,
      );
      expect(problems(applySteps(listOnly))).toEqual([
        "apply: does not check the plans' SHA256SUMS against release-plan's output, its layers and every file, after downloading them",
      ]);
    });

    it('fails an apply that plans first, applies out of LAYERS order, without a plan file, or past a failure', () => {
      const replans = mutateRuns(wf, 'apply', (r) =>
        r.replace(/^(\s*)terraform -chdir="\$layer" init$/m, '$1terraform -chdir="$layer" init\n$1terraform -chdir="$layer" plan -out=x'),
      );
      expect(problems(replans)).toEqual(['apply: plans before applying instead of applying the reviewed plans']);
      const reversed = [...layers].reverse().join(' ');
      const outOfOrder = mutateRuns(wf, 'apply', (r) => r.replace(/^(\s*)for layer in \$LAYERS; do$/m, `$1for layer in ${reversed}; do`));
      expect(problems(outOfOrder)).toContain(
        "apply: does not run exactly `terraform -chdir=<layer> apply <that layer's plan file>` in a loop over $LAYERS",
      );
      const noPlanFile = mutateRuns(wf, 'apply', (r) => r.replace(/ apply "\$\{plans\}\/\$\{layer\}\.tfplan"/, ' apply -auto-approve'));
      expect(problems(noPlanFile)).toEqual([
        "apply: does not run exactly `terraform -chdir=<layer> apply <that layer's plan file>` in a loop over $LAYERS",
      ]);
      const goesOn = mutateRuns(wf, 'apply', (r) =>
        r.replace(/^(\s*)exit 1\n(\s*fi\n\s*echo "::endgroup::"\n\s*done)$/m, '$1continue\n$2'),
      );
      expect(goesOn).not.toEqual(wf);
      expect(problems(goesOn)).toEqual([
        'apply: "if ! terraform -chdir="$layer" apply "${plans}/${layer}.tfplan"; then" does not stop at the first failure',
      ]);
    });

    it('fails an apply without a read-only plan of every layer afterwards that fails visibly', () => {
      const applyAt = stepIndex(/ apply "/);
      const steps = apply.steps ?? [];
      expect(problems(applySteps(steps.slice(0, applyAt + 1)))).toEqual([
        'apply: no read-only `plan -detailed-exitcode` of every layer after applying that fails with ::error:: on changes',
      ]);
      for (const mutate of [
        (r: string) => r.replace('-detailed-exitcode ', ''),
        (r: string) => r.replace('-no-color', '-no-color -out=x'),
        (r: string) => r.replaceAll('::error::', ''),
      ])
        expect(problems(applySteps(steps.map((s, i) => (i > applyAt && s.run ? { ...s, run: mutate(s.run) } : s))))).toEqual([
          'apply: no read-only `plan -detailed-exitcode` of every layer after applying that fails with ::error:: on changes',
        ]);
    });
  });

  describe('terraform-drift.yml: a scheduled plan of every layer that fails visibly and opens an issue per environment and layer', () => {
    const wf = load('terraform-drift.yml').workflow;
    const problems = (w: Workflow): string[] => driftProblems(w, terraformEnvironments);

    it('holds for terraform-drift.yml', () => {
      expect(problems(wf)).toEqual([]);
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
      expect(problems(silent)).toEqual([
        'not scheduled',
        'opens no issue on drift',
        'the drift issue title does not name the environment and the layer',
        'does not fail the run on drift',
        'needs issues: write to open the issue',
      ]);
    });

    it('fails a locking plan, an issue title without the layer, and a plan without -detailed-exitcode', () => {
      expect(problems(mutateRuns(wf, 'drift', (r) => r.replace('init -lock=false', 'init')))).toEqual([
        '"terraform -chdir="$layer" init > "${out}/${layer}.txt" 2>&1 || status=1" takes the state lock',
      ]);
      expect(
        problems(
          mutateRuns(wf, 'drift', (r) =>
            r.replace('title="terraform drift: ${ENV_NAME}/${layer}"', 'title="terraform drift: ${ENV_NAME}"'),
          ),
        ),
      ).toEqual(['the drift issue title does not name the environment and the layer']);
      expect(problems(mutateRuns(wf, 'drift', (r) => r.replace('-detailed-exitcode ', '')))).toEqual([
        'does not plan every layer with -detailed-exitcode (drift is exit code 2)',
      ]);
    });
  });

  describe('terraform.yml: which environments a change plans', () => {
    const script = (load('terraform.yml').workflow.jobs.changes?.steps ?? []).find((st) => st.id === 'roots')?.run ?? '';
    const ownPattern = /^\s*own='([^']+)'$/m.exec(script)?.[1] ?? 'missing';
    const own = new RegExp(ownPattern);
    const all = [...terraformEnvironments];
    /** The step's rule: a file outside every environment's own folder plans them all. */
    const planned = (files: string[]): string[] =>
      all.filter((env) => files.some((f) => !own.test(f) || f.startsWith(`terraform/environments/${env}/`)));

    it('knows every environment of scripts/tf-layers.ts', () => {
      expect(ownPattern).toBe(`^terraform/environments/(${all.join('|')})/`);
      expect(script).toContain(`for env in ${all.join(' ')}; do`);
    });

    it("plans only the environment whose own folder changed, a layer root's included", () => {
      expect(script).toContain(`grep -vE "$own"`);
      const [env] = all.slice(-1);
      expect(planned([`terraform/environments/${env}/catalog.json`])).toEqual([env]);
      expect(planned(layers.map((l) => `terraform/${layerDir(env!, l)}/main.tf`))).toEqual([env]);
    });

    it('plans every environment when shared files change: _shared/, _layers/, modules/, top-level files, the workflow', () => {
      for (const file of [
        'terraform/environments/_shared/outputs.tf',
        `terraform/environments/_layers/${layers[0]}/main.tf`,
        'terraform/modules/eks/main.tf',
        'terraform/cli.tfrc',
        '.github/workflows/terraform.yml',
      ])
        expect({ file, envs: planned([file]) }).toEqual({ file, envs: all });
    });
  });
});
