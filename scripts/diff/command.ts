/**
 * The diff command as a function, so tests run it in-process against temporary repositories.
 */
import { pictureChange } from '../diagram/changes.ts';
import { pictureMarkdown } from '../diagram/picture.ts';
import { collectObjects } from './objects.ts';
import { compare, countReport } from './compare.ts';
import { resolveBase } from './git.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderText } from './render-text.ts';
import { snapshotAt, snapshotOfWorkingTree } from './snapshot.ts';

/** Options of {@link diff}. */
export interface DiffOptions {
  /** Git ref to compare against. @default - `git merge-base HEAD main`, else HEAD */
  readonly base?: string;
  /** Print a pull-request comment instead of terminal lines. @default false */
  readonly markdown?: boolean;
  /** Rendered output folder, relative to the repository root. @default 'dist' */
  readonly dist?: string;
  /** Repository root. @default - process.cwd() */
  readonly cwd?: string;
  /** Markdown size cap in characters. @default 45000 */
  readonly maxChars?: number;
  /** Exit 1 when anything changed (like `git diff --exit-code`), so CI can tell. @default false */
  readonly exitCode?: boolean;
}

/** Outcome of {@link diff}: an exit code and the lines to print. */
export interface DiffResult {
  /** 0 on success, 1 when something changed and {@link DiffOptions.exitCode} asked, 2 when the diff could not be computed. */
  readonly exitCode: number;
  /** Lines for standard output: the diff itself. */
  readonly out: readonly string[];
  /** Lines for standard error: what was compared, and errors. */
  readonly err: readonly string[];
}

/** Diffs dist/ at the base ref against the working tree (see {@link DiffOptions}). */
export function diff(options: DiffOptions = {}): DiffResult {
  const cwd = options.cwd ?? process.cwd();
  const dist = options.dist ?? 'dist';
  try {
    const base = resolveBase(cwd, options.base);
    const after = collectObjects(snapshotOfWorkingTree(cwd, dist), dist);
    const report = compare(collectObjects(snapshotAt(cwd, base.commit, dist), dist), after);
    const short = base.commit.slice(0, 12);
    const c = countReport(report);
    const exitCode = options.exitCode && c.apps > 0 ? 1 : 0;
    if (options.markdown) {
      const pictures = report.envs.flatMap(({ env }) => {
        const marks = pictureChange(report, env, after.values(), dist);
        const markdown = marks.pictureChanged ? pictureMarkdown(after.values(), env, marks, dist) : '';
        return markdown ? [{ env, markdown }] : [];
      });
      const md = renderMarkdown(report, {
        pictures,
        base: options.base ?? base.label,
        commit: short,
        ...(options.maxChars ? { maxChars: options.maxChars } : {}),
      });
      return { exitCode, out: [md.trimEnd()], err: [] };
    }
    const summary = `${dist}/ at ${base.label} (${short}) → working tree: ${c.apps} app(s), ${c.added} added, ${c.removed} removed, ${c.changed} changed`;
    const lines = renderText(report);
    return { exitCode, out: lines.length > 0 ? lines : [`no changes in ${dist}/`], err: [summary] };
  } catch (e) {
    return { exitCode: 2, out: [], err: [`diff: ${(e as Error).message}`] };
  }
}
