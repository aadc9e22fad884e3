/**
 * Usage and options of `npm run tf:outputs`.
 */
import type { CommandSpec } from '../cli.ts';

const options = { from: { type: 'string' }, stdin: { type: 'boolean' }, out: { type: 'string' } } as const;

/** `npm run tf:outputs`. */
export const TF_OUTPUTS_SPEC: CommandSpec<typeof options> = {
  name: 'tf-outputs',
  usage: `usage: npm run tf:outputs -- <dev|staging|prod> [--from <file> | --stdin] [--out <file>]

Turns terraform output -json of the layer roots terraform/environments/<env>/<layer> (merged) into the committed
apps/environments/<env>.terraform.json (validated, sorted keys). Refuses sensitive outputs.

  --from <file>   read the outputs from a file instead of running terraform
  --stdin         read them from standard input
  --out <file>    write here (default apps/environments/<env>.terraform.json)

Exit codes: 0 written, 2 usage error or invalid outputs.`,
  options,
  positionals: { min: 1, max: 1 },
};
