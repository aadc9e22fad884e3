/**
 * Usage and options of `npm run diagram`, shared by the entry point and its tests.
 */
import type { CommandSpec } from '../cli.ts';

const options = {
  env: { type: 'string' },
  base: { type: 'string' },
  dist: { type: 'string' },
  readme: { type: 'boolean' },
  check: { type: 'boolean' },
} as const;

/** `npm run diagram`. */
export const DIAGRAM_SPEC: CommandSpec<typeof options> = {
  name: 'diagram',
  usage: `usage: npm run diagram -- [--env <name>] [--base <git-ref>] [--dist <dir>]
       npm run diagram -- --readme [--check]

Draws each environment's app-of-apps from the rendered dist/ (never the catalog) as Mermaid in
Markdown: the root Application, then the sync waves in the order Argo CD applies them, Applications
grouped by project inside each wave, Helm add-ons with their chart version.

  --env <name>     only this environment (default: every environment, prod first)
  --base <ref>     highlight Applications added (green) or changed (yellow) since this git ref
  --dist <dir>     rendered output folder (default dist)
  --readme         rewrite only the block between <!-- diagram:prod:start --> and
                   <!-- diagram:prod:end --> in README.md with prod's picture
  --check          with --readme: write nothing, exit 1 when the README block is stale

Exit codes: 0 done, 1 README block stale (with --check), 2 usage or input error.`,
  options,
};
