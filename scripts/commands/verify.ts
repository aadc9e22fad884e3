/**
 * Usage and options of `npm run verify`.
 */
import type { CommandSpec } from '../cli.ts';

const options = {
  dist: { type: 'string', default: 'dist' },
  env: { type: 'string' },
  json: { type: 'boolean', default: false },
  markdown: { type: 'boolean', default: false },
} as const;

/** `npm run verify`. */
export const VERIFY_SPEC: CommandSpec<typeof options> = {
  name: 'verify',
  usage: `usage: npm run verify -- [--env <name>] [--dist <dir>] [--json | --markdown]

Judges dist/ as the cluster and Argo CD will see it, reading only dist/ (never the catalog or the
charts) and the CRD schemas in ../shared/crds (CRDS_DIR): schema, admission, integrity, argocd,
resilience and capacity checks. Prints each check's time on stderr as it finishes.

  --env <name>   only this environment
  --dist <dir>   rendered output folder (default dist)
  --json         machine-readable report
  --markdown     a pull-request comment

Exit codes: 0 no errors, 1 error findings, 2 usage error.`,
  options,
};
