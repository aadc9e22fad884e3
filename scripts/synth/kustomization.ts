/**
 * The `kustomization.yaml` of an app folder. It lists the rendered files and carries the
 * `images:` block: the one place a service's deployed tag lives. Argo CD Image Updater writes it
 * back (`writeBackTarget: kustomization`), `npm run image -- set` edits it the same way, and the
 * Deployment names the image without a tag, so nothing else can disagree with it.
 *
 * Synth owns everything but `images:`. A valid `images:` block covering exactly the app's images
 * is kept byte-for-byte, so a re-synth after a write-back changes nothing. A service appearing
 * for the first time starts from the catalog's `image.initialTag`. An entry synth cannot keep
 * as it is (unknown image, foreign registry, a tag the policy refuses) is an error, never
 * silently rewritten: rewriting it would drop the bump.
 */
import { dump, load } from 'js-yaml';
import { z } from 'zod';
import { imageTag } from '../../apps/schema/common.ts';
import { dottedPath, lineOfPath } from '../../apps/yaml-file.ts';
import type { CatalogIssue } from '../../apps/issues.ts';
import type { ImageRef } from '../../charts/rendered-app.ts';

export type { ImageRef };

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

/** Renders the kustomization for `resources`, keeping the valid `images:` block of `existing`. */
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
  const issues = kept.entries.flatMap((e, i) => entryIssues(file, existing ?? '', e, i, images));
  if (issues.length > 0) return { text: head, issues };

  const verbatim = existing === undefined ? undefined : imagesBlock(existing);
  if (verbatim !== undefined && kept.entries.length === images.length) return { text: head + verbatim, issues: [] };
  // New images start from their initial tag; existing entries keep every field they have.
  const entries = [
    ...kept.entries,
    ...images.filter((img) => !kept.entries.some((e) => e.name === img.name)).map((img) => ({ name: img.name, newTag: img.initialTag })),
  ];
  return { text: head + emit({ images: entries }), issues: [] };
}

/** Why an existing `images:` entry cannot be deployed as it is. */
function entryIssues(file: string, text: string, e: ImageEntry, i: number, images: readonly ImageRef[]): CatalogIssue[] {
  const at = (field: string, message: string): CatalogIssue => {
    const path = `images[${i}]${field ? `.${field}` : ''}`;
    return { file, path, ...lineOf(text, path), message };
  };
  const image = images.find((img) => img.name === e.name);
  // kustomize skips an entry no container matches (api/filters/imagetag), so the bump would be lost.
  if (!image) {
    return [
      at(
        'name',
        `"${e.name}" matches no container image of this app (expected ${images.map((x) => `"${x.name}"`).join(', ')}); the tag would never be deployed`,
      ),
    ];
  }
  const out: CatalogIssue[] = [];
  // kustomize replaces the whole image name with newName (api/filters/imagetag): it must stay in this environment's ECR.
  if (e.newName !== undefined && !e.newName.startsWith(`${image.registry}/`))
    out.push(at('newName', `"${e.newName}" leaves this environment's registry ${image.registry}`));
  if (e.newTag === undefined && e.digest === undefined)
    out.push(at('', `needs newTag or digest: the Deployment names "${e.name}" without a tag`));
  if (e.newTag !== undefined && !new RegExp(image.allowTags).test(e.newTag))
    out.push(at('newTag', `"${e.newTag}" does not match ${image.allowTags}, the tags ${image.declaredIn} image.track allows`));
  if (e.newTag !== undefined && image.ignoreTags.includes(e.newTag))
    out.push(at('newTag', `"${e.newTag}" is listed in image.ignoreTags of ${image.declaredIn}: roll forward or remove it from ignoreTags`));
  return out;
}

/** `{ line }` of `path` in `text`, or nothing when it cannot be located. */
function lineOf(text: string, path: string): { line?: number } {
  const line = lineOfPath(text, path);
  return line === undefined ? {} : { line };
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
    return {
      entries: [],
      issues: parsed.error.issues.map((i) => ({
        file,
        path: dottedPath(i.path),
        ...lineOf(text, dottedPath(i.path)),
        message: i.message,
      })),
    };
  }
  const names = new Set<string>();
  const issues: CatalogIssue[] = [];
  (parsed.data.images ?? []).forEach((e, i) => {
    if (names.has(e.name))
      issues.push({ file, path: `images[${i}].name`, ...lineOf(text, `images[${i}].name`), message: `duplicate image "${e.name}"` });
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
