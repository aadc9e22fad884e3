/**
 * The `kustomization.yaml` of an app folder. It lists the rendered files and carries the
 * `images:` block that Argo CD Image Updater writes back to (`writeBackTarget: kustomization`).
 *
 * Synth owns everything but `images:`. An existing, valid `images:` block covering exactly the
 * app's images is kept byte-for-byte, so a re-synth after a write-back changes nothing. A missing
 * entry falls back to the catalog's tag.
 */
import { dump, load } from 'js-yaml';
import { z } from 'zod';
import { imageTag } from '../apps/schema/common.ts';
import { dottedPath } from '../apps/yaml-file.ts';
import type { CatalogIssue } from '../apps/issues.ts';

/** An image of an app: the name kustomize matches (`registry/repository`) and its base tag. */
export interface ImageRef {
  /** Image name without tag, as written in the Deployment. */
  readonly name: string;
  /** The catalog's tag, used when no `images:` entry exists. */
  readonly tag: string;
}

const imageEntrySchema = z.looseObject({
  name: z.string().min(1),
  newName: z.string().min(1).optional(),
  newTag: imageTag.optional(),
  digest: z
    .string()
    .regex(/^sha256:[a-f0-9]{64}$/, 'must be a sha256 digest')
    .optional(),
});
const existingSchema = z.looseObject({ images: z.array(imageEntrySchema).optional() });

type ImageEntry = z.infer<typeof imageEntrySchema>;

/** Renders the kustomization for `resources`, keeping the valid parts of `existing`. */
export function renderKustomization(
  file: string,
  resources: readonly string[],
  images: readonly ImageRef[],
  existing: string | undefined,
): { text: string; issues: CatalogIssue[] } {
  const head = emit({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources] });
  if (images.length === 0) return { text: head, issues: [] };

  const kept = existing === undefined ? { entries: [] as ImageEntry[], issues: [] } : existingEntries(file, existing);
  if (kept.issues.length > 0) return { text: head, issues: kept.issues };
  const wanted = new Set(images.map((i) => i.name));
  const relevant = kept.entries.filter((e) => wanted.has(e.name));
  const verbatim = existing === undefined ? undefined : imagesBlock(existing);
  if (verbatim !== undefined && relevant.length === kept.entries.length && relevant.length === images.length) {
    return { text: head + verbatim, issues: [] };
  }
  const entries = images.map((img) => relevant.find((e) => e.name === img.name) ?? { name: img.name, newTag: img.tag });
  return { text: head + emit({ images: entries }), issues: [] };
}

/** kustomize's own layout: keys in the order given, sequences not indented. */
function emit(value: unknown): string {
  return dump(value, { noRefs: true, lineWidth: -1, noArrayIndent: true, quotingType: '"' });
}

function existingEntries(file: string, text: string): { entries: ImageEntry[]; issues: CatalogIssue[] } {
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    return { entries: [], issues: [{ file, path: '', message: `YAML syntax: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const parsed = existingSchema.safeParse(doc ?? {});
  if (!parsed.success) {
    return { entries: [], issues: parsed.error.issues.map((i) => ({ file, path: dottedPath(i.path), message: i.message })) };
  }
  const names = new Set<string>();
  const issues: CatalogIssue[] = [];
  (parsed.data.images ?? []).forEach((e, i) => {
    if (names.has(e.name)) issues.push({ file, path: `images[${i}].name`, message: `duplicate image "${e.name}"` });
    names.add(e.name);
  });
  return { entries: parsed.data.images ?? [], issues };
}

/** The `images:` block as written (from its line to the next top-level key), if any. */
function imagesBlock(text: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('images:'));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^[A-Za-z_]/.test(lines[end] ?? '')) end++;
  // Text after the block (another top-level key) means someone else reordered the file: regenerate.
  if (lines.slice(end).some((l) => l.trim() !== '')) return undefined;
  const block = lines.slice(start, end).join('\n');
  return block.endsWith('\n') ? block : `${block}\n`;
}
