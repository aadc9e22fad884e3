/**
 * scripts/run.mjs builds its bundle under a private name and renames it into place, so two
 * processes that start together (two synths) never import a half-written bundle.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const RUN = resolve('scripts/run.mjs');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [RUN, 'entry.ts'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => done({ code, out }));
  });
}

it('two processes building the same stale bundle at once both run it, leaving no temporary files', async () => {
  // GIVEN an entry point with no bundle yet
  dir = mkdtempSync(join(tmpdir(), 'fintrack-run-'));
  writeFileSync(
    join(dir, 'entry.ts'),
    `const greeting: string = 'ran ' + ${JSON.stringify('x'.repeat(200_000))}.length;\nconsole.log(greeting);\n`,
  );
  // WHEN two runs start together
  const results = await Promise.all([run(dir), run(dir)]);
  // THEN both build or reuse a whole bundle and run it
  expect(results).toEqual([
    { code: 0, out: 'ran 200000\n' },
    { code: 0, out: 'ran 200000\n' },
  ]);
  expect(readdirSync(join(dir, 'build')).sort()).toEqual(['entry.inputs.json', 'entry.mjs']);
}, 30_000);
