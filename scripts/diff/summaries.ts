/**
 * One-line summaries for the changes people scan for: image tags, replica counts and container
 * resources. Each becomes a single line per object; only the remaining fields are listed in full.
 */
import { formatPath, formatValue, type FieldChange, type PathSegment } from './field-diff.ts';
import { splitImage } from '../verify/kustomize-images.ts';

/** The summary lines of one changed object and the field changes they do not cover. */
export interface Summarised {
  readonly lines: readonly string[];
  readonly rest: readonly FieldChange[];
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const REPLICA_FIELDS = new Set(['replicas', 'minReplicas', 'maxReplicas']);

/** Index of the segment naming a container (`containers[api]`), or -1. */
function containerAt(path: readonly PathSegment[]): number {
  return path.findIndex((s, i) => i > 0 && !('key' in s) && CONTAINER_LISTS.has(keyOf(path[i - 1])));
}

function keyOf(segment: PathSegment | undefined): string {
  return segment !== undefined && 'key' in segment ? segment.key : '';
}

function containerName(segment: PathSegment | undefined): string {
  if (segment === undefined) return '';
  return 'item' in segment ? segment.item : 'index' in segment ? `#${segment.index}` : segment.key;
}

function isImage(c: FieldChange): boolean {
  const at = containerAt(c.path);
  return at >= 0 && c.path.length === at + 2 && keyOf(c.path[at + 1]) === 'image' && c.op === 'changed';
}

function isResources(c: FieldChange): boolean {
  const at = containerAt(c.path);
  return at >= 0 && c.path.length > at + 1 && keyOf(c.path[at + 1]) === 'resources';
}

function isReplicas(c: FieldChange): boolean {
  return c.path.length === 2 && keyOf(c.path[0]) === 'spec' && REPLICA_FIELDS.has(keyOf(c.path[1]));
}

function imageChange(c: FieldChange): string {
  const before = splitImage(String(c.before));
  const after = splitImage(String(c.after));
  if (before.name !== after.name) return `${String(c.before)} → ${String(c.after)}`;
  const short = after.name.slice(after.name.lastIndexOf('/') + 1);
  const version = (i: ReturnType<typeof splitImage>): string => i.digest ?? i.tag ?? '(none)';
  return `${short} ${version(before)} → ${version(after)}`;
}

function shortValue(c: FieldChange, side: 'before' | 'after'): string {
  const has = side === 'before' ? c.op !== 'added' : c.op !== 'removed';
  return has ? formatValue(side === 'before' ? c.before : c.after, 60) : '(none)';
}

/**
 * Splits `changes` of the object `label` (`Kind/name`) into one-line summaries and the rest:
 * `image reconciliation-service main-487 → main-488`, `replicas Deployment/x 3 → 4`,
 * `resources Deployment/x api: requests.cpu 250m → 500m`.
 */
export function summarise(label: string, changes: readonly FieldChange[]): Summarised {
  const images = changes.filter(isImage);
  const replicas = changes.filter(isReplicas);
  const resources = changes.filter((c) => !isImage(c) && isResources(c));
  const covered = new Set([...images, ...replicas, ...resources]);
  const lines: string[] = [];
  if (images.length > 0) lines.push(`image ${images.map(imageChange).join(', ')}`);
  if (replicas.length > 0) {
    const only = replicas.length === 1 && keyOf(replicas[0]?.path[1]) === 'replicas';
    const parts = replicas.map((c) => `${only ? '' : `${keyOf(c.path[1])} `}${shortValue(c, 'before')} → ${shortValue(c, 'after')}`);
    lines.push(`replicas ${label} ${parts.join(', ')}`);
  }
  if (resources.length > 0) {
    const byContainer = new Map<string, string[]>();
    for (const c of resources) {
      const at = containerAt(c.path);
      const name = containerName(c.path[at]);
      const field = formatPath(c.path.slice(at + 2)) || 'resources';
      byContainer.set(name, [...(byContainer.get(name) ?? []), `${field} ${shortValue(c, 'before')} → ${shortValue(c, 'after')}`]);
    }
    lines.push(`resources ${label} ${[...byContainer].map(([name, parts]) => `${name}: ${parts.join(', ')}`).join('; ')}`);
  }
  return { lines, rest: changes.filter((c) => !covered.has(c)) };
}
