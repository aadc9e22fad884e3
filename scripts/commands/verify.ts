/**
 * Usage and options of `npm run verify`.
 */
import type { CommandSpec } from '../cli.ts';

const options = {
  dist: { type: 'string', default: 'dist' },
  env: { type: 'string' },
  base: { type: 'string' },
  json: { type: 'boolean', default: false },
  markdown: { type: 'boolean', default: false },
} as const;

/** `npm run verify`. */
export const VERIFY_SPEC: CommandSpec<typeof options> = {
  name: 'verify',
  usage: `usage: npm run verify -- [--env <name>] [--dist <dir>] [--base <git-ref>] [--json | --markdown]

Judges dist/ as the cluster and Argo CD will see it, reading only dist/ (never the catalog or the
charts), the contracts synth writes for Terraform (terraform/environments/<env>/) and the CRD
schemas in ../shared/crds (CRDS_DIR). Prints each check's time on stderr as it finishes.

  --env <name>   only this environment
  --dist <dir>   rendered output folder (default dist)
  --base <ref>   judge objects changed since this git ref as UPDATEs (oldObject, immutable fields)
  --json         machine-readable report
  --markdown     a pull-request comment

Exit codes: 0 no errors, 1 error findings, 2 usage error.`,
  options,
};
