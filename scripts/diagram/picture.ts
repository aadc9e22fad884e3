/**
 * One environment's picture as Markdown: a Mermaid block per root Application, and a line naming
 * the highlighted (and removed) Applications. Shared by `npm run diagram` and the diff's PR comment.
 */
import type { DistObject } from '../diff/objects.ts';
import { renderMermaid, type Highlight } from './mermaid.ts';
import { rolloutsOf } from './rollout.ts';

/** Highlights plus the Applications that are gone (they cannot be drawn). */
export interface PictureMarks extends Highlight {
  readonly removed?: ReadonlySet<string>;
}

const list = (s: ReadonlySet<string> | undefined): string =>
  [...(s ?? [])]
    .sort()
    .map((n) => `\`${n}\``)
    .join(', ');

/** The Markdown of `env`'s picture; `''` when `env` has no root Application. */
export function pictureMarkdown(objects: Iterable<DistObject>, env: string, marks: PictureMarks = {}, dist = 'dist'): string {
  const rollouts = rolloutsOf(objects, env, dist);
  const blocks = rollouts.map((r) => `\`\`\`mermaid\n${renderMermaid(r, marks)}\n\`\`\``);
  // Only drawn Applications are named: a root "changes" whenever one of its children does.
  const drawn = new Set(rollouts.flatMap((r) => r.apps.map((a) => a.name)));
  const added = new Set([...(marks.added ?? [])].filter((n) => drawn.has(n)));
  const changedOnly = new Set([...(marks.changed ?? [])].filter((n) => drawn.has(n) && !added.has(n)));
  const notes = [
    added.size ? `added (green): ${list(added)}` : '',
    changedOnly.size ? `changed (yellow): ${list(changedOnly)}` : '',
    marks.removed?.size ? `removed: ${list(marks.removed)}` : '',
  ].filter(Boolean);
  return [...blocks, ...(notes.length ? [notes.join(' · ')] : [])].join('\n\n');
}
