/**
 * `npm run diagram`: each environment's app-of-apps as a Mermaid picture (see scripts/diagram/).
 * Argument parsing only (usage in scripts/commands/diagram.ts).
 */
import { finish, isEntry, parseCommand, type CommandOutput } from './cli.ts';
import { DIAGRAM_SPEC } from './commands/diagram.ts';
import { diagram } from './diagram/command.ts';

/** Runs `diagram <argv>` in `cwd`. */
export function main(argv: readonly string[], cwd?: string): CommandOutput {
  const parsed = parseCommand(DIAGRAM_SPEC, argv);
  return parsed.ok ? diagram(parsed.values, cwd) : parsed;
}

if (isEntry(import.meta.url)) finish(main(process.argv.slice(2)));
