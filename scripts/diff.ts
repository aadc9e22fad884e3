/**
 * `npm run diff`: what a change does to the rendered dist/, per environment and Application.
 * Argument parsing only (usage in scripts/commands/diff.ts); the command is scripts/diff/command.ts.
 */
import { finish, isEntry, parseCommand, positiveInt, type CommandOutput } from './cli.ts';
import { DIFF_SPEC } from './commands/diff.ts';
import { diff } from './diff/command.ts';

/** Runs `diff <argv>` in `cwd`. */
export function main(argv: readonly string[], cwd?: string): CommandOutput {
  const parsed = parseCommand(DIFF_SPEC, argv);
  if (!parsed.ok) return parsed;
  const { 'max-chars': maxCharsText, 'exit-code': exitCode, ...rest } = parsed.values;
  const maxChars = maxCharsText === undefined ? undefined : positiveInt(DIFF_SPEC, 'max-chars', maxCharsText);
  if (typeof maxChars === 'object') return maxChars;
  return diff({ ...rest, ...(cwd ? { cwd } : {}), ...(maxChars ? { maxChars } : {}), ...(exitCode ? { exitCode } : {}) });
}

if (isEntry(import.meta.url)) finish(main(process.argv.slice(2)));
