/**
 * Usage and options of `npm run diff`, shared by the entry point and its tests.
 */
import type { CommandSpec } from '../cli.ts';

const options = {
  base: { type: 'string' },
  markdown: { type: 'boolean' },
  dist: { type: 'string' },
  'max-chars': { type: 'string' },
  'exit-code': { type: 'boolean' },
} as const;

/** `npm run diff`. */
export const DIFF_SPEC: CommandSpec<typeof options> = {
  name: 'diff',
  usage: `usage: npm run diff -- [--base <git-ref>] [--markdown] [--exit-code] [--dist <dir>] [--max-chars <n>]

Shows what a change does to the rendered dist/: per environment and Application, objects added (+),
removed (-) and changed (~, with their namespace), each changed field as old → new, lists of objects
and long text as a line diff; an image bump is one line. Kustomization images: are applied first.

  --base <ref>      compare against this git ref (default: git merge-base HEAD main, else HEAD)
  --markdown        print a pull-request comment (collapsed sections per environment and app, plus a
                    Mermaid picture of the environment when Applications, waves or projects change)
  --exit-code       exit 1 when anything changed
  --dist <dir>      rendered output folder (default dist)
  --max-chars <n>   Markdown size cap (default 45000)

Exit codes: 0 done, 1 changes found (with --exit-code), 2 usage error or unknown ref.`,
  options,
};
