/**
 * What terraform.yml and terraform-drift.yml promise, as functions from a parsed workflow to the
 * list of broken promises (`[]` when all hold), so a test can run them on the committed file and on
 * mutated copies of it. The run scripts are read as text: a Terraform call is `terraform
 * [-chdir=DIR] VERB ARGS` at the start of a shell command, and a layer loop is
 * `for VAR in $LAYERS; do … done`.
 */

/** One workflow step, as far as these checks read it. */
export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
}
/** One workflow job, as far as these checks read it. */
export interface Job {
  readonly if?: string;
  readonly permissions?: unknown;
  readonly needs?: string | readonly string[];
  readonly environment?: unknown;
  readonly outputs?: Record<string, string>;
  readonly strategy?: { readonly matrix?: Record<string, unknown>; readonly 'max-parallel'?: number };
  readonly steps?: readonly Step[];
}
/** A parsed workflow file. */
export interface Workflow {
  readonly on?: unknown;
  readonly env?: Record<string, string>;
  readonly permissions?: unknown;
  readonly concurrency?: unknown;
  readonly jobs: Record<string, Job>;
}

/** A `terraform` command found in a run script. */
export interface TerraformCall {
  readonly verb: string;
  /** The `-chdir=` value, quotes kept; '' without one. */
  readonly chdir: string;
  /** Everything after the verb up to the end of the shell command. */
  readonly args: string;
  readonly line: string;
}

/** A `for VAR in $LAYERS; do … done` loop of a run script. */
export interface LayerLoop {
  readonly variable: string;
  readonly body: string;
}

const CALL = /(?:^|[;&|({!]|\bthen\b|\bdo\b|\bif\b)\s*terraform\s+(?:-chdir=(\S+)\s+)?([a-z]+)\b([^;&|\n]*)/g;

/** The `run:` scripts of a job, in step order. */
export const runs = (job: Job | undefined): string[] => (job?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));

/** Every `terraform` call in a script, optionally only one verb. */
export function terraformCalls(script: string, verb?: string): TerraformCall[] {
  return script
    .split('\n')
    .flatMap((line) =>
      [...line.matchAll(CALL)]
        .map((m) => ({ chdir: m[1] ?? '', verb: m[2] ?? '', args: (m[3] ?? '').trim(), line: line.trim() }))
        .filter((c) => verb === undefined || c.verb === verb),
    );
}

/** Every `terraform` call of a job's run steps. */
export const jobCalls = (job: Job | undefined, verb?: string): TerraformCall[] => runs(job).flatMap((r) => terraformCalls(r, verb));

/** The `for VAR in $LAYERS` loops of a script (the body ends at the `done` indented like the `for`). */
export function layerLoops(script: string): LayerLoop[] {
  const lines = script.split('\n');
  return lines.flatMap((line, i) => {
    const m = /^(\s*)for (\w+) in \$LAYERS; do\s*$/.exec(line);
    if (!m) return [];
    const end = lines.findIndex((l, j) => j > i && l.startsWith(`${m[1] ?? ''}done`));
    return [{ variable: m[2] ?? '', body: lines.slice(i + 1, end < 0 ? undefined : end).join('\n') }];
  });
}

/** The workflow's layer list, `env.LAYERS` split on spaces. */
export const layerList = (wf: Workflow): string[] => (wf.env?.LAYERS ?? '').split(/\s+/).filter(Boolean);

/** The role a job assumes (configure-aws-credentials' `role-to-assume`), or ''. */
export const roleOf = (job: Job | undefined): string =>
  String((job?.steps ?? []).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume'] ?? '');

/** True when `call` runs in the layer root of `loop`'s variable (`-chdir="$layer"`). */
const inLayer = (call: TerraformCall, loop: LayerLoop): boolean => call.chdir.replace(/"/g, '') === `$${loop.variable}`;

/** Every string value in a parsed document, with its path. */
function strings(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * The layer list is `env.LAYERS`, equal to `expected` in order, and spelled nowhere else: no other
 * value of the workflow (a matrix, a script) names a layer.
 */
export function layerListProblems(wf: Workflow, expected: readonly string[]): string[] {
  const problems: string[] = [];
  const list = layerList(wf);
  if (list.join(' ') !== expected.join(' ')) problems.push(`env.LAYERS is "${list.join(' ')}", not "${expected.join(' ')}"`);
  const { LAYERS: _, ...env } = wf.env ?? {};
  for (const [path, text] of strings({ ...wf, env }, ''))
    for (const layer of expected)
      if (new RegExp(`(^|[^\\w/-])${layer}([^\\w/-]|$)`).test(text)) problems.push(`${path}: names layer "${layer}" outside env.LAYERS`);
  return problems;
}

/** Every init and plan of `job` runs without the state lock. */
function lockProblems(name: string, job: Job): string[] {
  return [...jobCalls(job, 'init'), ...jobCalls(job, 'plan')]
    .filter((c) => !/(^|\s)-lock=false\b/.test(c.args))
    .map((c) => `${name}: "${c.line}" takes the state lock`);
}

/** A loop over $LAYERS in `job` whose body runs `terraform -chdir=<layer> <verb>` with args matching `args`. */
function loopsWith(job: Job | undefined, verb: string, args: RegExp = /.*/): LayerLoop[] {
  return runs(job)
    .flatMap(layerLoops)
    .filter((loop) => terraformCalls(loop.body, verb).some((c) => inLayer(c, loop) && args.test(c.args)));
}

/**
 * terraform.yml: fmt once, every layer of each changed environment validated, module tests once and
 * never in the layer roots.
 */
export function checkProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  const single = Object.entries(wf.jobs).filter(([, j]) => !j.strategy?.matrix);
  if (
    !single.some(([, j]) =>
      jobCalls(j, 'fmt').some((c) => /-check\b/.test(c.args) && /-recursive\b/.test(c.args) && /\bterraform\b/.test(c.args)),
    )
  )
    problems.push('no single (non-matrix) job runs "terraform fmt -check -recursive terraform"');
  const check = wf.jobs.check;
  if (!check) return [...problems, 'no check job'];
  if (!loopsWith(check, 'init', /-backend=false/).some((l) => terraformCalls(l.body, 'validate').some((c) => inLayer(c, l))))
    problems.push('check: does not init -backend=false and validate every layer root');
  for (const [name, job] of Object.entries(wf.jobs))
    if (job.strategy?.matrix && jobCalls(job, 'test').length)
      problems.push(`${name}: runs terraform test per environment (the layer roots have no tests)`);
  const moduleTests = single.filter(([, j]) =>
    runs(j).some((r) => /for (\w+) in terraform\/modules\/\*\/; do/.test(r) && /-d "\$\{?\w+\}?\/tests"/.test(r)),
  );
  if (!moduleTests.some(([, j]) => jobCalls(j, 'test').length && jobCalls(j, 'init').some((c) => /-backend=false/.test(c.args))))
    problems.push('no single job runs terraform test in every terraform/modules/* with a tests/ folder');
  return problems;
}

/**
 * terraform.yml's promises about CI roles and layered plans: plans never take the state lock and
 * run per layer, release-plan saves one plan file per layer and records their hashes per
 * environment, apply checks them before applying exactly them in layer order, stops at the first
 * failure, and plans every layer again afterwards, failing visibly on changes.
 */
export function terraformWorkflowProblems(wf: Workflow, environments: readonly string[]): string[] {
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
    problems.push(...lockProblems(name, job));
  }
  if (plan && !loopsWith(plan, 'plan', /-detailed-exitcode/).length)
    problems.push('plan: does not plan every layer with -detailed-exitcode');
  if (release) {
    for (const env of environments) if (!release.outputs?.[`sha256-${env}`]) problems.push(`release-plan: no sha256-${env} output`);
    const saves = loopsWith(release, 'plan').filter((l) =>
      terraformCalls(l.body, 'plan').some((c) => new RegExp(`-out="[^"]*\\$\\{?${l.variable}\\b`).test(c.args)),
    );
    if (!saves.length) problems.push('release-plan: does not save one plan file per layer');
    const hashes = runs(release).some((r) => layerLoops(r).some((l) => /sha256sum\b/.test(l.body)) && /> "[^"]*SHA256SUMS"/.test(r));
    const recorded = runs(release).some((r) => /sha256sum "[^"]*SHA256SUMS"/.test(r) && /sha256-\$\{ENV_NAME\}=/.test(r));
    if (!hashes || !recorded) problems.push("release-plan: does not record the sha256 of every layer's plan in its output");
    if (!(release.steps ?? []).some((s) => s.uses?.startsWith('actions/upload-artifact@')))
      problems.push('release-plan: the plan files are not uploaded');
  }
  if (!apply) return [...problems, 'no apply job'];
  const needs = [apply.needs ?? []].flat();
  if (!needs.includes('release-plan')) problems.push('apply: does not need release-plan');
  if (apply.strategy?.['max-parallel'] !== 1) problems.push('apply: more than one environment at a time');
  if (!String(apply.environment ?? '').includes('matrix.env')) problems.push('apply: not behind the GitHub environment of its env');
  return [...problems, ...applyStepProblems(apply.steps ?? [])];
}

/** apply's steps: download, hash check, apply per layer in order, then a read-only plan per layer. */
function applyStepProblems(steps: readonly Step[]): string[] {
  const problems: string[] = [];
  const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact@'));
  const check = steps.findIndex(
    (s) =>
      /needs\.release-plan\.outputs/.test(JSON.stringify(s.env ?? {})) &&
      /"\$\{?EXPECTED\}? +SHA256SUMS" \| sha256sum --check --strict/.test(s.run ?? '') &&
      /\bfor \w+ in \$LAYERS\b/.test(s.run ?? '') &&
      /^\s*(if ! )?sha256sum --check --strict SHA256SUMS/m.test(s.run ?? ''),
  );
  const applies = steps.flatMap((s, i) => (s.run && terraformCalls(s.run, 'apply').length ? [i] : []));
  const applyAt = applies[0] ?? -1;
  if (download < 0) problems.push('apply: does not download the reviewed plans');
  if (check < 0 || check < download)
    problems.push(
      "apply: does not check the plans' SHA256SUMS against release-plan's output, its layers and every file, after downloading them",
    );
  if (applyAt < 0) return [...problems, 'apply: never runs terraform apply'];
  if (applyAt < check) problems.push('apply: applies before the hash check');
  if (applies.length > 1) problems.push('apply: terraform apply in more than one step');
  const before = steps.slice(0, applyAt + 1).flatMap((s) => (s.run ? terraformCalls(s.run, 'plan') : []));
  if (before.length) problems.push('apply: plans before applying instead of applying the reviewed plans');

  const script = steps[applyAt]?.run ?? '';
  const loops = layerLoops(script);
  const calls = terraformCalls(script, 'apply');
  const ordered = loops.filter((l) =>
    terraformCalls(l.body, 'apply').some((c) => inLayer(c, l) && new RegExp(`^"[^"\\s]*\\$\\{?${l.variable}\\}?\\.tfplan"$`).test(c.args)),
  );
  if (!ordered.length || calls.length !== 1)
    problems.push("apply: does not run exactly `terraform -chdir=<layer> apply <that layer's plan file>` in a loop over $LAYERS");
  // A failing apply must end the step: a plain command (the shell runs with -e) or `if ! …; then … exit 1`.
  const lines = script.split('\n').map((l) => l.trim());
  for (const c of calls) {
    const at = lines.indexOf(c.line);
    const block = lines.slice(at + 1, lines.indexOf('fi', at));
    const plain = /^terraform\b/.test(c.line) && !/\|\||&&/.test(c.line);
    const guarded = /^if ! terraform\b[^|&]*; then$/.test(c.line) && block.some((l) => /^exit 1\b/.test(l));
    if (!plain && !guarded) problems.push(`apply: "${c.line}" does not stop at the first failure`);
  }

  const after = steps
    .slice(applyAt + 1)
    .filter((s) =>
      (s.run ? layerLoops(s.run) : []).some((l) =>
        terraformCalls(l.body, 'plan').some((c) => inLayer(c, l) && /-detailed-exitcode/.test(c.args) && !/-out\b/.test(c.args)),
      ),
    );
  if (!after.some((s) => /::error::/.test(s.run ?? '') && /\bexit 1\b/.test(s.run ?? '')))
    problems.push('apply: no read-only `plan -detailed-exitcode` of every layer after applying that fails with ::error:: on changes');
  return problems;
}

/**
 * terraform-drift.yml: scheduled, read-only, every layer of every environment, and loud: it fails
 * and opens an issue naming environment and layer when a plan has changes.
 */
export function driftProblems(wf: Workflow, environments: readonly string[]): string[] {
  const problems: string[] = [];
  if (!(wf.on && typeof wf.on === 'object' && 'schedule' in wf.on)) problems.push('not scheduled');
  const job = wf.jobs.drift;
  if (!job) return [...problems, 'no drift job'];
  const matrix = job.strategy?.matrix?.env;
  if (JSON.stringify(matrix) !== JSON.stringify(environments))
    problems.push(`matrix.env is ${JSON.stringify(matrix)}, not every environment`);
  if (!roleOf(job).includes('TF_PLAN_ROLE_ARN')) problems.push('does not use the read-only plan role');
  if (!loopsWith(job, 'plan', /-detailed-exitcode/).length)
    problems.push('does not plan every layer with -detailed-exitcode (drift is exit code 2)');
  problems.push(...lockProblems('drift', job).map((p) => p.replace(/^drift: /, '')));
  const all = runs(job).join('\n');
  if (!/gh issue create/.test(all)) problems.push('opens no issue on drift');
  const titled = runs(job)
    .flatMap(layerLoops)
    .some((l) => new RegExp(`^\\s*title="[^"]*\\$\\{?ENV_NAME\\}?[^"]*\\$\\{?${l.variable}\\}?[^"]*"`, 'm').test(l.body));
  if (!titled) problems.push('the drift issue title does not name the environment and the layer');
  if (!/\bexit 1\b[^\n]*\s*$/.test(runs(job).at(-1)?.trim() ?? '')) problems.push('does not fail the run on drift');
  if ((job.permissions as Record<string, string> | undefined)?.issues !== 'write') problems.push('needs issues: write to open the issue');
  return problems;
}
