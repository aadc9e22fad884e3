/**
 * The diagram command as a function, so tests run it in-process against temporary folders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, usageError, type CommandOutput } from '../cli.ts';
import { compare, envRank } from '../diff/compare.ts';
import { resolveBase } from '../diff/git.ts';
import { collectObjects } from '../diff/objects.ts';
import { snapshotAt, snapshotOfWorkingTree } from '../diff/snapshot.ts';
import { pictureChange } from './changes.ts';
import { pictureMarkdown } from './picture.ts';
import { readBlock, replaceBlock } from './readme-block.ts';
import { DIAGRAM_SPEC } from '../commands/diagram.ts';

/** Options of {@link diagram} (the command-line options). */
export interface DiagramOptions {
  readonly env?: string;
  readonly base?: string;
  readonly dist?: string;
  readonly readme?: boolean;
  readonly check?: boolean;
}

/** The environment the README pictures. */
export const README_ENV = 'prod';

/** Runs `npm run diagram` in `cwd`. */
export function diagram(options: DiagramOptions, cwd = process.cwd()): CommandOutput {
  const dist = options.dist ?? 'dist';
  if (options.check && !options.readme) return usageError(DIAGRAM_SPEC, '--check only applies with --readme');
  if (options.readme && (options.base || options.env))
    return usageError(DIAGRAM_SPEC, '--readme draws prod as committed: no --base or --env');
  try {
    const afterMap = collectObjects(snapshotOfWorkingTree(cwd, dist), dist);
    const after = [...afterMap.values()];
    const envs = [...new Set(after.map((o) => o.env))].sort((a, b) => envRank(a) - envRank(b) || a.localeCompare(b));
    if (options.readme) return readme(cwd, pictureMarkdown(after, README_ENV, {}, dist), Boolean(options.check));
    if (options.env !== undefined && !envs.includes(options.env))
      return usageError(DIAGRAM_SPEC, `no environment "${options.env}" in ${dist}/ (found ${envs.join(', ') || 'none'})`);
    const report =
      options.base === undefined
        ? undefined
        : compare(collectObjects(snapshotAt(cwd, resolveBase(cwd, options.base).commit, dist), dist), afterMap);
    const out: string[] = [];
    for (const env of options.env ? [options.env] : envs) {
      const marks = report ? pictureChange(report, env, after, dist) : {};
      const picture = pictureMarkdown(after, env, marks, dist);
      if (picture) out.push(`#### ${env}`, '', picture, '');
    }
    return { exitCode: EXIT.ok, out: out.length ? [out.join('\n').trimEnd()] : [`no root Application in ${dist}/`], err: [] };
  } catch (e) {
    return { exitCode: EXIT.usage, out: [], err: [`diagram: ${(e as Error).message}`] };
  }
}

function readme(cwd: string, picture: string, check: boolean): CommandOutput {
  const file = join(cwd, 'README.md');
  const text = readFileSync(file, 'utf8');
  if (readBlock(text, README_ENV) === picture.trim())
    return { exitCode: EXIT.ok, out: [`README.md: ${README_ENV} picture up to date`], err: [] };
  if (check)
    return { exitCode: EXIT.findings, out: [], err: [`README.md: the ${README_ENV} picture is stale; run npm run diagram -- --readme`] };
  writeFileSync(file, replaceBlock(text, README_ENV, picture));
  return { exitCode: EXIT.ok, out: [`README.md: ${README_ENV} picture updated`], err: [] };
}
