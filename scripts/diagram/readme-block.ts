/**
 * The README block that shows a diagram: the text between `<!-- diagram:<env>:start -->` and
 * `<!-- diagram:<env>:end -->`. Only that block is ever rewritten, so other README edits merge.
 */

/** Start and end markers of `env`'s block. */
export function markers(env: string): { readonly start: string; readonly end: string } {
  return { start: `<!-- diagram:${env}:start -->`, end: `<!-- diagram:${env}:end -->` };
}

/** `readme` with `env`'s block replaced by `body`; throws naming the marker when the block is missing. */
export function replaceBlock(readme: string, env: string, body: string): string {
  const { start, end } = markers(env);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md: no "${start}" … "${end}" block`);
  return `${readme.slice(0, from + start.length)}\n${body.trimEnd()}\n${readme.slice(to)}`;
}

/** The current contents of `env`'s block, or `undefined` when there is none. */
export function readBlock(readme: string, env: string): string | undefined {
  const { start, end } = markers(env);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  return from < 0 || to < from ? undefined : readme.slice(from + start.length, to).trim();
}
