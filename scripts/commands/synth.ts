/**
 * Usage and options of `npm run synth`.
 */
import type { CommandSpec } from '../cli.ts';

const options = { apps: { type: 'string' }, dist: { type: 'string' }, terraform: { type: 'string' }, check: { type: 'boolean' } } as const;

/** `npm run synth`. */
export const SYNTH_SPEC: CommandSpec<typeof options> = {
  name: 'synth',
  usage: `usage: npm run synth -- [--check] [--apps <dir>] [--dist <dir>] [--terraform <dir>]

Renders the catalog (apps/) into dist/<env>/<app>/ and each environment's Terraform catalog
(terraform/environments/<env>/catalog.json), writing only files that changed. Image tags Image
Updater wrote into kustomization images: are kept byte-for-byte.

  --check            write nothing; exit 1 when dist/ or a Terraform catalog is stale
  --apps <dir>       catalog folder (default apps)
  --dist <dir>       rendered output folder (default dist)
  --terraform <dir>  Terraform folder (default terraform)

Exit codes: 0 done; 1 stale output (--check) or a file-system failure (one line: path, what failed,
what to do); 2 usage error or invalid input (every error as file:line: field: message).`,
  options,
};
