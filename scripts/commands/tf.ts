/**
 * Usage of `npm run tf`.
 */
import type { CommandSpec } from '../cli.ts';

/** `npm run tf`. */
export const TF_SPEC: CommandSpec<Record<string, never>> = {
  name: 'tf',
  usage: `usage: npm run tf -- <<env> <layer>|environments/<env>/<layer>|modules/<name>> <terraform args…>

Runs terraform in terraform/<dir> with the repository's CLI configuration (offline provider mirror
when present, shared plugin cache). <env> <layer> names a layer root (environments/<env>/<layer>;
layers in apply order: networking security data compute platform observability). Everything after
the folder goes to terraform unchanged, e.g. npm run tf -- prod data plan, npm run tf -- modules/eks test.

Exit codes: terraform's own; 2 usage error, unknown folder or terraform not installed.`,
  options: {},
};
