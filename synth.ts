/**
 * `npm run synth`: renders the catalog into dist/ and each environment's Terraform catalog.
 * Argument parsing only (usage in scripts/commands/synth.ts); the command is charts/synth-command.ts.
 */
import { synth } from './charts/synth-command.ts';
import { finish, isEntry, parseCommand, type CommandOutput } from './scripts/cli.ts';
import { SYNTH_SPEC } from './scripts/commands/synth.ts';

/** Runs `synth <argv>`. */
export function main(argv: readonly string[]): CommandOutput {
  const parsed = parseCommand(SYNTH_SPEC, argv);
  return parsed.ok ? synth(parsed.values) : parsed;
}

if (isEntry(import.meta.url)) finish(main(process.argv.slice(2)));
