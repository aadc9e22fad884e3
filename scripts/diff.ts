/**
 * `npm run diff`: what a change does to the rendered dist/, per environment and Application.
 * Argument parsing only; the command is scripts/diff/command.ts.
 */
import { finish, parseCommand, positiveInt } from './cli.ts';
import { diff } from './diff/command.ts';
import { DIFF_SPEC } from './commands/diff.ts';

const parsed = parseCommand(DIFF_SPEC, process.argv.slice(2));
if (!parsed.ok) finish(parsed);
else {
  const { 'max-chars': maxCharsText, 'exit-code': exitCode, ...rest } = parsed.values;
  const maxChars = maxCharsText === undefined ? undefined : positiveInt(DIFF_SPEC, 'max-chars', maxCharsText);
  if (typeof maxChars === 'object') finish(maxChars);
  else finish(diff({ ...rest, ...(maxChars ? { maxChars } : {}), ...(exitCode ? { exitCode } : {}) }));
}
