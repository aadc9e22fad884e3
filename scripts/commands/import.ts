/**
 * Usage of `npm run import`.
 */
import type { CommandSpec } from '../cli.ts';

/** `npm run import`. */
export const IMPORT_SPEC: CommandSpec<Record<string, never>> = {
  name: 'import',
  usage: `usage: npm run import

Regenerates imports/ (typed classes for the CRDs the charts construct) with cdk8s import, offline,
from the CRD files in ../shared/crds (override with CRDS_DIR). cdk8s.yaml is left as it was.

Exit codes: 0 done, 2 usage error, a missing CRD file, or cdk8s import failed.`,
  options: {},
};
