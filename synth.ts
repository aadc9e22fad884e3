/**
 * `npm run synth`: renders the catalog into dist/ and each environment's Terraform catalog.
 *
 *   npm run synth             render and write what changed
 *   npm run synth -- --check  write nothing; exit 1 when dist/ is stale
 *
 * Options: --apps <dir> (default apps), --dist <dir> (default dist), --terraform <dir> (default
 * terraform). Invalid input prints every error with its file and field, exits 1, writes nothing.
 * dist/ and the Terraform catalogs change as one transaction (charts/dist-transaction.ts); a
 * file-system failure prints one line naming the path and what to do, and exits 1.
 */
import { parseArgs } from 'node:util';
import { synth } from './charts/synth-command.ts';

const USAGE = 'usage: npm run synth -- [--check] [--apps <dir>] [--dist <dir>] [--terraform <dir>]';

let values;
try {
  ({ values } = parseArgs({
    options: { apps: { type: 'string' }, dist: { type: 'string' }, terraform: { type: 'string' }, check: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (e) {
  console.error(`synth: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
// Test hook: stop for good at one step of the dist/ transaction, so a test can SIGKILL the
// process exactly there (e.g. FINTRACK_SYNTH_HOLD_AT=old-moved, between the two renames).
const holdAt = process.env.FINTRACK_SYNTH_HOLD_AT;
const onStep = holdAt
  ? (step: string): void => {
      if (step !== holdAt) return;
      process.stderr.write(`synth: holding at ${step}\n`);
      for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
  : undefined;
const result = synth({ ...values, ...(onStep ? { onStep } : {}) });
for (const line of result.out) console.log(line);
for (const line of result.err) console.error(line);
process.exitCode = result.exitCode;
