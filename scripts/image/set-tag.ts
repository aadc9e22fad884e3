/**
 * Sets one image's tag in a kustomization.yaml exactly as Argo CD Image Updater's kustomize
 * write-back does, so a hand edit (`npm run image -- set`) and a write-back are indistinguishable
 * in Git. Upstream (argocd-image-updater pkg/argocd/git.go, updateKustomizeFile and imageFilter):
 * kyaml's ElementSetter replaces the `images:` element whose `name` matches with a marshalled
 * kustomize `types.Image` (`name`, then `newName`/`newTag`/`digest` when set), creating `images:`
 * or appending the element when missing; `order.SyncOrder` restores the original key order and
 * the sequence indentation is preserved, so only the changed value's line moves.
 */
import { load } from 'js-yaml';

/** The element kyaml writes for a tag-only update (no alias, so no `newName`; parseImageOverride). */
function element(name: string, tag: string): [string, string][] {
  return [
    ['name', name],
    ['newTag', tag],
  ];
}

/** A scalar as yaml.v3 would write it: plain unless it would read back as something else. */
function scalar(value: string): string {
  return typeof load(value) === 'string' && !/^\s|\s$|: | #/.test(value) ? value : JSON.stringify(value);
}

/** Returns `text` with image `name` set to `tag`. */
export function setImageTag(text: string, name: string, tag: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const start = lines.findIndex((l) => l.startsWith('images:'));
  const fresh = element(name, tag);
  const render = (indent: string, fields: [string, string][]): string[] =>
    fields.map(([k, v], i) => `${i === 0 ? `${indent}- ` : `${indent}  `}${k}: ${scalar(v)}`);
  if (start < 0) return [...lines, 'images:', ...render('', fresh)].join('\n') + '\n';

  let end = start + 1;
  while (end < lines.length && !/^[A-Za-z_]/.test(lines[end] ?? '')) end++;
  // Items of the sequence: each starts at a "- " line.
  const items: { from: number; to: number; indent: string }[] = [];
  for (let n = start + 1; n < end; n++) {
    const m = /^(\s*)- /.exec(lines[n] ?? '');
    if (m && (items.length === 0 || m[1] === items[0]!.indent)) items.push({ from: n, to: end, indent: m[1] ?? '' });
  }
  items.forEach((item, i) => (item.to = items[i + 1]?.from ?? end));
  const keyOf = (line: string): string | undefined => /^\s*(?:- )?([A-Za-z]+):/.exec(line)?.[1];
  for (const item of items) {
    const body = lines.slice(item.from, item.to);
    const fields = new Map(body.map((l) => [keyOf(l), l] as const));
    const current = load(body.map((l, i) => (i === 0 ? l.replace(/^(\s*)- /, '$1  ') : l)).join('\n')) as Record<string, unknown> | null;
    if (current?.name !== name) continue;
    // SyncOrder: keys the old element had keep their order; new keys follow.
    const order = [...fields.keys()].filter((k): k is string => k !== undefined);
    const sorted = [...fresh].sort((a, b) => rank(order, a[0]) - rank(order, b[0]));
    return [...lines.slice(0, item.from), ...render(item.indent, sorted), ...lines.slice(item.to)].join('\n') + '\n';
  }
  const indent = items[0]?.indent ?? '';
  return [...lines.slice(0, end), ...render(indent, fresh), ...lines.slice(end)].join('\n') + '\n';
}

function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}
