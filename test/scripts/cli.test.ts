/**
 * Every npm script entry point, in-process: `--help` prints its usage and exits 0 without doing
 * anything; a usage mistake exits 2 naming the mistake; the shared parser's rules themselves.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main as synth } from '../../synth.ts';
import { EXIT, parseCommand, usageError } from '../../scripts/cli.ts';
import { benchOptions } from '../../scripts/bench-synth.ts';
import { main as diagram } from '../../scripts/diagram.ts';
import { main as diff } from '../../scripts/diff.ts';
import { image } from '../../scripts/image/command.ts';
import { importCrds } from '../../scripts/import-crds.ts';
import { main as tfMigrateLayers } from '../../scripts/tf-migrate-layers.ts';
import { main as tfOutputs } from '../../scripts/tf-outputs.ts';
import { tfTarget } from '../../scripts/tf-run.ts';
import { main as verify } from '../../scripts/verify.ts';
import { CHECKS } from '../../scripts/verify/run-verify.ts';

interface Output {
  readonly exitCode: number;
  readonly out: readonly string[];
  readonly err: readonly string[];
}

/** tf:outputs prints instead of returning lines: capture them. */
function captured(run: () => number): Output {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  try {
    return { exitCode: run(), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Each npm script: how to run it in-process, and one usage mistake. */
const COMMANDS: Record<string, { run: (argv: string[]) => Output | Promise<Output>; mistake: string[]; says: string }> = {
  synth: { run: synth, mistake: ['--chek'], says: "synth: Unknown option '--chek'" },
  verify: { run: (argv) => verify(argv), mistake: ['dist'], says: 'verify: unexpected argument(s) "dist"' },
  diff: { run: (argv) => diff(argv), mistake: ['--max-chars', 'many'], says: 'diff: --max-chars must be a positive integer, got "many"' },
  diagram: { run: (argv) => diagram(argv), mistake: ['--check'], says: 'diagram: --check only applies with --readme' },
  bench: {
    run: (argv) => {
      const r = benchOptions(argv);
      return 'exitCode' in r ? r : { exitCode: -1, out: [], err: [] };
    },
    mistake: ['--runs', '0'],
    says: 'bench: --runs must be a positive integer, got "0"',
  },
  import: { run: (argv) => importCrds(argv), mistake: ['now'], says: 'import: unexpected argument(s) "now"' },
  tf: {
    run: (argv) => {
      const r = tfTarget(argv);
      return 'exitCode' in r ? r : { exitCode: -1, out: [], err: [] };
    },
    mistake: ['prod', 'plan'],
    says: 'tf: prod: name a layer after the environment',
  },
  'tf:outputs': { run: (argv) => captured(() => tfOutputs(argv)), mistake: ['qa'], says: 'tf-outputs: unknown environment "qa"' },
  'tf:migrate-layers': { run: (argv) => tfMigrateLayers(argv), mistake: ['qa'], says: 'tf-migrate-layers: unknown environment "qa"' },
  image: { run: (argv) => image(argv), mistake: ['get', 'prod'], says: 'image: missing argument(s)' },
};

describe('npm run <script> -- --help', () => {
  for (const [name, command] of Object.entries(COMMANDS)) {
    it(`${name}: prints its usage on stdout and exits 0`, async () => {
      const result = await command.run(['--help']);
      expect(result.exitCode).toBe(EXIT.ok);
      expect(result.err).toEqual([]);
      expect(result.out.join('\n')).toMatch(new RegExp(`^usage: npm run ${name.replace(':', '\\:')}\\b[^]*\\n\\n`));
      expect(result.out.join('\n')).toMatch(/\nExit codes: /);
    });

    it(`${name}: exits 2 on a usage mistake, naming it`, async () => {
      const result = await command.run(command.mistake);
      expect(result.exitCode).toBe(EXIT.usage);
      expect(result.err[0]).toContain(command.says);
    });
  }
});

describe('parseCommand', () => {
  const spec = {
    name: 'demo',
    usage: 'usage: demo [--n <x>] <a>\n\nDetails.',
    options: { n: { type: 'string' } },
    positionals: { min: 1, max: 1 },
  } as const;

  it('returns values and positionals', () => {
    expect(parseCommand(spec, ['--n', '3', 'a'])).toEqual({ ok: true, values: { n: '3' }, positionals: ['a'] });
  });

  it('fails a missing positional with the synopsis, not the whole usage', () => {
    expect(parseCommand(spec, [])).toEqual({
      ok: false,
      exitCode: 2,
      out: [],
      err: ['demo: missing argument(s)', 'usage: demo [--n <x>] <a>', '(demo --help for more)'],
    });
  });

  it('treats -h like --help', () => {
    expect(parseCommand(spec, ['-h'])).toEqual({ ok: false, exitCode: 0, out: [spec.usage], err: [] });
  });

  it('formats usage errors the same way for checks after parsing', () => {
    expect(usageError(spec, 'bad').err[0]).toBe('demo: bad');
  });
});

describe('npm run verify: per-check timing', () => {
  it('reports the load step and every check with its time as it finishes', async () => {
    // GIVEN a small dist/ with one object
    const dir = mkdtempSync(join(tmpdir(), 'verify-timing-'));
    try {
      mkdirSync(join(dir, 'dev', 'demo'), { recursive: true });
      writeFileSync(join(dir, 'dev', 'demo', 'kustomization.yaml'), 'resources:\n- configmap-demo.yaml\n');
      writeFileSync(
        join(dir, 'dev', 'demo', 'configmap-demo.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n  namespace: demo\n',
      );
      const progress: string[] = [];

      // WHEN verified
      await verify(['--dist', dir], (line) => progress.push(line));

      // THEN one line per step, in order, then the total
      const steps = progress.map((l) => /^verify: ([\w-]+) \d+ ms, \d+ finding\(s\)$/.exec(l)?.[1]);
      expect(steps).toEqual(['load', ...CHECKS.map((c) => c.name), undefined]);
      expect(progress.at(-1)).toMatch(/^verify: 1 objects in \d+ ms$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
