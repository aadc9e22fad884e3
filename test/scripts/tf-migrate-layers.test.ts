/**
 * scripts/tf-migrate-layers.ts: the state moves from an environment's single state into its layer
 * states (pure, on small in-memory states built from scripts/tf-layers.ts, never from the catalog),
 * the command's input errors, and the generated script run end to end: the real `terraform state mv`
 * on local files, a stub wherever terraform would reach AWS.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../scripts/cli.ts';
import { terraformCliEnv } from '../../scripts/tf-cli.ts';
import { layerModules, layerOfModule, layers, movedResources, type Layer } from '../../scripts/tf-layers.ts';
import { main, migrationFor } from '../../scripts/tf-migrate-layers.ts';
import { migrationScript, shellQuote } from '../../scripts/tf-migrate/migration-script.ts';
import { planLayerMoves } from '../../scripts/tf-migrate/plan-moves.ts';
import { instanceAddresses, parseStateFile, type StateResource } from '../../scripts/tf-migrate/state-file.ts';
import { describeTerraform } from '../terraform/terraform.ts';

type Key = string | number | null;

/** One `resources[]` entry of a v4 state, as terraform writes it. */
function resource(module: string, address: string, keys: readonly Key[] = [null]) {
  const [mode, type, name] = address.startsWith('data.') ? ['data', ...address.slice(5).split('.')] : ['managed', ...address.split('.')];
  return {
    ...(module ? { module } : {}),
    mode,
    type,
    name,
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: keys.map((k, i) => ({
      ...(k === null ? {} : { index_key: k }),
      schema_version: 0,
      attributes: { id: `${type}-${i}` },
      sensitive_attributes: [],
    })),
  };
}

function stateText(resources: readonly ReturnType<typeof resource>[], serial = 41): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.11.4',
    serial,
    lineage: '0b9d6f4e-6c1f-4a55-9d3e-2f4a8e1c7b10',
    outputs: {},
    resources,
    check_results: null,
  });
}

function parsed(text: string): readonly StateResource[] {
  const s = parseStateFile(text, 'old.tfstate');
  if ('errors' in s) throw new Error(s.errors.join('\n'));
  return s.resources;
}

const P = 'module.platform';
/** The first module call of each layer, taken from the spec so no test names today's layout twice. */
const firstCall = (l: Layer): string => layerModules[l][0] ?? '';
/** The module the moved resources leave (module.network today) and the one they join. */
const movedFrom = /^module\.([\w-]+)\./.exec(movedResources[0]?.from ?? '')?.[1] ?? '';
const movedTo = /^module\.([\w-]+)\./.exec(movedResources[0]?.to ?? '')?.[1] ?? '';
const localOf = (address: string) => address.replace(/^module\.[\w-]+\./, '');
const modulePart = (address: string) => address.slice(0, address.length - localOf(address).length - 1);

/**
 * GIVEN-state of the tests: one resource in each layer's first module call, the moved resources in
 * the module they leave (one with count), an instance of a module called with for_each with a child
 * module, a module the moved resources join, and a data source of modules/platform itself.
 */
function fixture() {
  return [
    ...layers.map((l) => resource(`${P}.module.${firstCall(l)}`, 'aws_s3_bucket.this')),
    resource(`${P}.module.${movedFrom}`, 'aws_vpc.this'),
    ...movedResources.map((m, i) => resource(`${P}.${modulePart(m.from)}`, localOf(m.from), i === 0 ? [0] : [null])),
    resource(`${P}.module.${movedTo}`, 'aws_s3_bucket.extra'),
    resource(`${P}.module.tenant["x"]`, 'aws_kms_key.this'),
    resource(`${P}.module.tenant["x"].module.kms`, 'aws_kms_key.this', ['t']),
    resource(P, 'data.aws_iam_policy_document.delivery'),
  ];
}

/** What each layer state must hold after the moves, written out from the fixture (not from the planner). */
function expectedLayers(): Record<Layer, string[]> {
  const expected = Object.fromEntries(layers.map((l) => [l, [] as string[]])) as Record<Layer, string[]>;
  const add = (call: string, address: string) => expected[layerOfModule(call) as Layer].push(address);
  for (const l of layers) add(firstCall(l), `module.${firstCall(l)}.aws_s3_bucket.this`);
  add(movedFrom, `module.${movedFrom}.aws_vpc.this`);
  movedResources.forEach((m, i) => add(movedTo, `${m.to}${i === 0 ? '[0]' : ''}`));
  add(movedTo, `module.${movedTo}.aws_s3_bucket.extra`);
  add('tenant', 'module.tenant["x"].aws_kms_key.this');
  add('tenant', 'module.tenant["x"].module.kms.aws_kms_key.this["t"]');
  for (const l of layers) expected[l] = [...new Set(expected[l])].sort();
  return expected;
}

describe('planLayerMoves', () => {
  it('moves each module call whole into the layer that calls it', () => {
    // GIVEN one resource in the first module call of every layer
    const resources = parsed(stateText(layers.map((l) => resource(`${P}.module.${firstCall(l)}`, 'aws_s3_bucket.this'))));

    // WHEN planned
    const plan = planLayerMoves(resources, 'old.tfstate');

    // THEN one whole-module move per layer, and nothing left or wrong
    expect(plan.errors).toEqual([]);
    const expected = layers.map((layer) => ({
      layer,
      kind: 'module',
      from: `${P}.module.${firstCall(layer)}`,
      to: `module.${firstCall(layer)}`,
    }));
    expect(plan.moves).toHaveLength(expected.length);
    expect(plan.moves).toEqual(expect.arrayContaining(expected));
    expect(plan.left).toEqual([]);
  });

  it('moves the movedResources one by one, after whole modules they join and before the module they leave', () => {
    const plan = planLayerMoves(parsed(stateText(fixture())), 'old.tfstate');
    const at = (from: string) => plan.moves.findIndex((m) => m.from === from);

    expect(plan.errors).toEqual([]);
    for (const m of movedResources) {
      const i = at(`${P}.${m.from}`);
      expect(plan.moves[i]).toEqual({ layer: layerOfModule(movedTo), kind: 'resource', from: `${P}.${m.from}`, to: m.to });
      expect(i).toBeLessThan(at(`${P}.module.${movedFrom}`));
      expect(i).toBeGreaterThan(at(`${P}.module.${movedTo}`));
    }
  });

  it('moves each instance of a module called with for_each or count on its own, child modules included', () => {
    const plan = planLayerMoves(
      parsed(
        stateText([
          resource(`${P}.module.tenant["x"]`, 'aws_kms_key.this'),
          resource(`${P}.module.tenant["x"].module.kms`, 'aws_kms_key.this', ['t']),
          resource(`${P}.module.tenant["y"]`, 'aws_kms_key.this'),
        ]),
      ),
      'old.tfstate',
    );
    const layer = layerOfModule('tenant') as Layer;

    expect(plan.moves).toEqual([
      { layer, kind: 'module', from: `${P}.module.tenant["x"]`, to: 'module.tenant["x"]' },
      { layer, kind: 'module', from: `${P}.module.tenant["y"]`, to: 'module.tenant["y"]' },
    ]);
    expect(plan.layers[layer]).toEqual([
      'module.tenant["x"].aws_kms_key.this',
      'module.tenant["x"].module.kms.aws_kms_key.this["t"]',
      'module.tenant["y"].aws_kms_key.this',
    ]);
  });

  it('leaves nothing behind but data sources no layer declares', () => {
    const resources = parsed(stateText(fixture()));
    const plan = planLayerMoves(resources, 'old.tfstate');

    expect(plan.layers).toEqual(expectedLayers());
    expect(plan.left).toEqual([`${P}.data.aws_iam_policy_document.delivery`]);
    const moved = layers.flatMap((l) => plan.layers[l]).length + plan.left.length;
    expect(moved).toBe(resources.flatMap(instanceAddresses).length);
  });

  it('fails on a resource in a module no layer calls, naming it and scripts/tf-layers.ts', () => {
    const plan = planLayerMoves(parsed(stateText([resource(`${P}.module.no_such_call`, 'aws_sqs_queue.this')])), 'old.tfstate');

    expect(plan.errors).toEqual([
      'old.tfstate: resources[0] (module.platform.module.no_such_call.aws_sqs_queue.this): module "no_such_call" is called by no layer: add it to layerModules in scripts/tf-layers.ts (or the resource to movedResources)',
    ]);
  });

  it('fails on a managed resource of modules/platform itself or of the root module', () => {
    const plan = planLayerMoves(parsed(stateText([resource(P, 'aws_sqs_queue.this'), resource('', 'aws_sqs_queue.root')])), 'old.tfstate');

    expect(plan.errors).toEqual([
      'old.tfstate: resources[0] (module.platform.aws_sqs_queue.this): declared in modules/platform itself, not in a module call, so no layer owns it (scripts/tf-layers.ts layerModules)',
      'old.tfstate: resources[1] (aws_sqs_queue.root): not under module.platform, so no layer owns it (scripts/tf-layers.ts maps module.platform.module.<call>)',
    ]);
  });

  it('fails when two resources would land on the same address', () => {
    const clash = movedResources[0] as { from: string; to: string };
    const resources = parsed(
      stateText([
        resource(`${P}.${modulePart(clash.from)}`, localOf(clash.from)),
        resource(`${P}.${modulePart(clash.to)}`, localOf(clash.to)),
      ]),
    );

    const plan = planLayerMoves(resources, 'old.tfstate');

    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatch(new RegExp(`moves to ${clash.to.replace(/[.[\]]/g, '\\$&')}, where .* moves too$`));
  });
});

describe('parseStateFile', () => {
  it.each([
    ['text that is not JSON', '{', /^old\.tfstate: \(root\): not JSON: /],
    [
      'a version 3 state',
      '{"version":3,"lineage":"l","serial":1,"resources":[]}',
      /^old\.tfstate: version: expected state format version 4/,
    ],
    ['an unknown mode', stateText([{ ...resource(P, 'aws_x.y'), mode: 'other' }]), /^old\.tfstate: resources\[0\]\.mode: /],
    [
      'a module path that is not one',
      stateText([resource('module.platform.x', 'aws_x.y')]),
      /^old\.tfstate: resources\[0\]\.module: not a module instance path: "module\.platform\.x"$/,
    ],
  ])('fails on %s with file: field: message', (_label, text, message) => {
    const s = parseStateFile(text, 'old.tfstate');
    expect('errors' in s && s.errors[0]).toMatch(message);
  });
});

describe('npm run tf:migrate-layers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-migrate-layers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage on --help and exits 0', () => {
    const r = main(['--help']);
    expect(r.exitCode).toBe(EXIT.ok);
    expect(r.out.join('\n')).toMatch(/^usage: npm run tf:migrate-layers -- [^]*\nExit codes: /);
  });

  it('fails on an unknown environment', () => {
    expect(main(['qa']).err[0]).toBe('tf-migrate-layers: unknown environment "qa": expected one of dev, staging, prod');
    expect(main(['qa']).exitCode).toBe(EXIT.usage);
  });

  it('fails on an unreadable state file', () => {
    const file = join(dir, 'missing.tfstate');
    const r = main(['dev', '--state', file]);
    expect(r.exitCode).toBe(EXIT.usage);
    expect(r.err[0]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: \\(root\\): cannot read: ENOENT`));
  });

  it('fails on a resource no layer owns, printing no script', () => {
    const file = join(dir, 'unowned.tfstate');
    writeFileSync(file, stateText([resource(`${P}.module.no_such_call`, 'aws_sqs_queue.this')]));
    const r = main(['dev', '--state', file]);
    expect(r).toMatchObject({ exitCode: EXIT.usage, out: [] });
    expect(r.err[0]).toContain(`${file}: resources[0] (module.platform.module.no_such_call.aws_sqs_queue.this): `);
  });

  it('prints a script that only moves, checks and pushes to empty keys, and never writes the old key', () => {
    const file = join(dir, 'old.tfstate');
    writeFileSync(file, stateText(fixture()));
    const r = main(['dev', '--state', file]);
    expect(r.exitCode).toBe(EXIT.ok);
    const script = r.out.join('\n');

    expect(script).toMatch(/^#!\/usr\/bin\/env bash\n[^]*\nset -euo pipefail\n/);
    expect(script).toContain(`SNAPSHOT='0b9d6f4e-6c1f-4a55-9d3e-2f4a8e1c7b10 41'`);
    const mvs = script.split('\n').filter((l) => /^terraform .* state mv /.test(l));
    const plan = planLayerMoves(parsed(stateText(fixture())), file);
    expect(mvs).toEqual(
      plan.moves.map(
        (m) =>
          `terraform -chdir="$WORK/mv" state mv -state="$WORK/monolith.tfstate" -state-out="$WORK/${m.layer}.tfstate" ${shellQuote(m.from)} ${shellQuote(m.to)}`,
      ),
    );
    expect(script.match(/^layer \w+/gm)).toEqual(layers.map((l) => `layer ${l}`));
    expect(script).not.toMatch(/-force|state rm/);
    // The only command touching the old key's object is printed, not run.
    expect(script.split('\n').filter((l) => l.includes('aws s3 rm'))).toEqual([
      '  [ -z "$PUSHED" ] || echo "layer states pushed:$PUSHED; to roll back delete each: aws s3 rm s3://$BUCKET/layers/<layer>.tfstate" >&2',
      'echo "  aws s3 rm s3://$BUCKET/$OLD_KEY"',
    ]);
  });

  it('quotes addresses for bash', () => {
    expect(shellQuote(`module.tenant["it's"]`)).toBe(`'module.tenant["it'\\''s"]'`);
  });

  it('refuses to write a script for a plan with errors', () => {
    const plan = planLayerMoves(parsed(stateText([resource('', 'aws_sqs_queue.root')])), 'old.tfstate');
    const target = { env: 'dev', bucket: 'b', region: 'r', lineage: 'l', serial: 1, source: 'old.tfstate' } as const;
    expect(() => migrationScript(target, plan)).toThrow(
      /^cannot write a migration script for a plan with errors:\nold\.tfstate: resources\[0\]/,
    );
  });
});

/**
 * A `terraform` on PATH that hands `state mv` and `state list -state=…` (local files) to the real
 * binary and stands in for everything that would reach AWS: the old state's pull, the layer
 * roots' init, push, plan, show and apply. Each call is logged as `<dir> <args>`.
 */
const TERRAFORM_STUB = `#!/usr/bin/env bash
dir="\${1#-chdir=}"; shift
echo "$(basename "$dir") $*" >>"$STUB_LOG"
case "$*" in
  "state mv "*|"state list -state="*) exec "$REAL_TERRAFORM" -chdir="$dir" "$@" ;;
  "state pull") cat "$STUB_OLD_STATE" ;;
  "state list") printf '%s' "\${STUB_LAYER_LIST:-}" ;;
  "show -json "*) printf '%s' "$STUB_PLAN_JSON" ;;
  "plan "*"-detailed-exitcode"*) exit "\${STUB_REPLAN_RC:-0}" ;;
  "plan "*"-out="*) : ;;
esac
exit 0
`;

/** The script needs jq; without it these run anyway in CI (and fail there), and are skipped locally. */
const withJq = spawnSync('jq', ['--version']).status === 0 || process.env.CI === 'true' ? it : it.skip;

describeTerraform('the generated script end to end (terraform stubbed where it would reach AWS)', () => {
  const real = spawnSync('bash', ['-c', 'command -v terraform'], { encoding: 'utf8' }).stdout.trim();
  /** One resource, in the first layer: the failures below need no more moves than that. */
  const small = stateText([resource(`${P}.module.${firstCall(layers[0] as Layer)}`, 'aws_s3_bucket.this')]);
  const noChanges = JSON.stringify({ resource_changes: [{ change: { actions: ['no-op'] } }], output_changes: { vpc_id: {} } });

  /** Runs the script for `text` (the planned state) against an old state `pulled`, in a fake repository root. */
  function runScript(text: string, env: Record<string, string>, pulled = text) {
    const root = mkdtempSync(join(tmpdir(), 'tf-migrate-run-'));
    try {
      mkdirSync(join(root, 'bin'));
      writeFileSync(join(root, 'bin', 'terraform'), TERRAFORM_STUB, { mode: 0o755 });
      for (const l of layers) mkdirSync(join(root, 'terraform', 'environments', 'dev', l), { recursive: true });
      writeFileSync(join(root, 'old.tfstate'), pulled);
      writeFileSync(join(root, 'log'), '');
      const made = migrationFor('dev', text, 'old.tfstate', { accountId: '111122223333', region: 'us-east-1' });
      writeFileSync(join(root, 'migrate.sh'), made.out.join('\n'));
      const r = spawnSync('bash', ['migrate.sh'], {
        cwd: root,
        encoding: 'utf8',
        env: {
          ...terraformCliEnv(),
          PATH: `${join(root, 'bin')}:${process.env.PATH}`,
          TMPDIR: root,
          REAL_TERRAFORM: real,
          STUB_LOG: join(root, 'log'),
          STUB_OLD_STATE: join(root, 'old.tfstate'),
          STUB_PLAN_JSON: noChanges,
          ...env,
        },
      });
      const log = readFileSync(join(root, 'log'), 'utf8').trim().split('\n');
      // What the state files in the script's work directory hold: layer name or `monolith` → addresses.
      const work = readdirSync(root).find((f) => f.startsWith('fintrack-dev-layers.'));
      const files = readdirSync(join(root, work ?? '.')).filter((f) => /^[\w.]+\.tfstate$/.test(f));
      const holds = Object.fromEntries(
        files.map((f) => [
          f.replace('.tfstate', ''),
          parsed(readFileSync(join(root, work ?? '.', f), 'utf8'))
            .flatMap(instanceAddresses)
            .sort(),
        ]),
      );
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, log, holds };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  withJq(
    'moves with the real terraform state mv, then pushes, plans, applies the output-only plan and re-plans each layer in order',
    () => {
      // GIVEN the fixture's single state, WHEN its script runs
      const r = runScript(stateText(fixture()), {});

      // THEN it finishes, its own checks of every file included
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('done: every layer of dev plans with no changes.');
      // AND each layer state holds exactly the expected addresses, the old copy only the data source
      const expected = expectedLayers();
      for (const l of layers) expect(r.holds[l], l).toEqual(expected[l]);
      expect(r.holds.monolith).toEqual([`${P}.data.aws_iam_policy_document.delivery`]);
      expect(r.holds['monolith.backup']).toEqual(parsed(stateText(fixture())).flatMap(instanceAddresses).sort());
      // AND each layer is pushed and applied in order, and the old key is only ever read
      const layerCalls = r.log.filter((l) => layers.some((layer) => l.startsWith(`${layer} `)));
      expect(layerCalls.filter((l) => / (state push|apply) /.test(l)).map((l) => l.replace(/ \S*\/([\w.]+)$/, ' $1'))).toEqual(
        layers.flatMap((l) => [`${l} state push ${l}.tfstate`, `${l} apply -input=false -no-color ${l}.tfplan`]),
      );
      expect(r.log.filter((l) => l.startsWith('old ')).map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual([
        'init -input=false',
        'state pull',
        'state pull',
      ]);
    },
  );

  withJq('stops before applying a layer whose plan changes a resource', () => {
    const update = JSON.stringify({ resource_changes: [{ address: 'module.network.aws_vpc.this', change: { actions: ['update'] } }] });
    const r = runScript(small, { STUB_PLAN_JSON: update });

    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`tf-migrate-layers: ${layers[0]}: the plan changes resources \\(.*\\); nothing applied`));
    expect(r.stderr).toContain(
      `layer states pushed: ${layers[0]}; to roll back delete each: aws s3 rm s3://$BUCKET/layers/<layer>.tfstate`.replace(
        '$BUCKET',
        'fintrack-dev-tfstate-111122223333',
      ),
    );
    expect(r.log.some((l) => / apply /.test(l))).toBe(false);
  });

  withJq('refuses a layer key that already holds resources, and an old state other than the one planned', () => {
    const held = runScript(small, { STUB_LAYER_LIST: 'module.network.aws_vpc.this\n' });
    expect(held.status).toBe(1);
    expect(held.stderr).toContain(`layers/${layers[0]}.tfstate already holds resources: not overwriting it`);
    expect(held.log.some((l) => / state push /.test(l))).toBe(false);

    const newer = runScript(small, {}, stateText([], 42));
    expect(newer.status).toBe(1);
    expect(newer.stderr).toContain('is not the snapshot 0b9d6f4e-6c1f-4a55-9d3e-2f4a8e1c7b10 41 this script was generated from');
    expect(newer.log.some((l) => / state mv /.test(l))).toBe(false);
  });
});
