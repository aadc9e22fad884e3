/**
 * `npm run synth`: renders the catalog into dist/ and each environment's Terraform catalog.
 * Argument parsing only (usage in scripts/commands/synth.ts); the command is scripts/synth/synth-command.ts.
 * dist/ and the Terraform catalogs change as one transaction (scripts/synth/dist-transaction.ts).
 */
import { synth } from './scripts/synth/synth-command.ts';
import { finish, isEntry, parseCommand, type CommandOutput } from './scripts/cli.ts';
import { SYNTH_SPEC } from './scripts/commands/synth.ts';

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

/** Runs `synth <argv>`. */
export function main(argv: readonly string[]): CommandOutput {
  const parsed = parseCommand(SYNTH_SPEC, argv);
  return parsed.ok ? synth({ ...parsed.values, ...(onStep ? { onStep } : {}) }) : parsed;
}

if (isEntry(import.meta.url)) finish(main(process.argv.slice(2)));
