/**
 * `npm run diff`: what a change does to the rendered dist/, per environment and Application.
 *
 *   npm run diff                               working tree vs `git merge-base HEAD main`
 *   npm run diff -- --base origin/main         working tree vs any ref
 *   npm run diff -- --base origin/main --markdown   a pull-request comment
 *
 * Options: --dist <dir> (default dist), --max-chars <n> (Markdown size cap, default 45000).
 * Kustomization `images:` are applied first, so an Image Updater bump reads as one line.
 */
import { parseArgs } from 'node:util';
import { diff } from './diff/command.ts';

const USAGE = 'usage: npm run diff -- [--base <git-ref>] [--markdown] [--dist <dir>] [--max-chars <n>]';

let values;
try {
  ({ values } = parseArgs({
    options: { base: { type: 'string' }, markdown: { type: 'boolean' }, dist: { type: 'string' }, 'max-chars': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (e) {
  console.error(`diff: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
const maxChars = values['max-chars'] === undefined ? undefined : Number(values['max-chars']);
if (maxChars !== undefined && !(Number.isInteger(maxChars) && maxChars > 0)) {
  console.error(`diff: --max-chars must be a positive integer, got "${values['max-chars']}"\n${USAGE}`);
  process.exit(2);
}
const result = diff({ ...values, ...(maxChars ? { maxChars } : {}) });
for (const line of result.out) console.log(line);
for (const line of result.err) console.error(line);
process.exitCode = result.exitCode;
