/**
 * `npm run synth`: renders the catalog into dist/ and each environment's Terraform catalog.
 *
 *   npm run synth             render and write what changed
 *   npm run synth -- --check  write nothing; exit 1 when dist/ is stale
 *
 * Options: --apps <dir> (default apps), --dist <dir> (default dist), --terraform <dir> (default
 * terraform). Invalid input prints every error with its file and field, exits 1, writes nothing.
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
const result = synth(values);
for (const line of result.out) console.log(line);
for (const line of result.err) console.error(line);
process.exitCode = result.exitCode;
