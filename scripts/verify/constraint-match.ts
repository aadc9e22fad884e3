/**
 * Gatekeeper's `spec.match` (applied in Go, before any CEL): kinds, scope, namespaces,
 * excludedNamespaces (with `prefix*` globs), name, labelSelector and namespaceSelector.
 */
import { matchesLabelSelector } from './label-selector.ts';
import { arr, groupOf, rec, type KubeObject } from './model.ts';

function glob(pattern: string, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}

/**
 * True when `match` selects `obj`. `namespaceLabels` gives a namespace's labels: those of the
 * Namespace object in dist/, else only `kubernetes.io/metadata.name` (set by the API server).
 */
export function matchesConstraint(obj: KubeObject, match: unknown, namespaceLabels: (ns: string) => Record<string, string>): boolean {
  const m = rec(match);
  const kinds = arr(m.kinds).map(rec);
  const group = groupOf(obj.apiVersion);
  if (kinds.length > 0) {
    const hit = kinds.some((k) => {
      const groups = arr(k.apiGroups).map(String);
      const names = arr(k.kinds).map(String);
      return (groups.includes('*') || groups.includes(group)) && (names.includes('*') || names.includes(obj.kind));
    });
    if (!hit) return false;
  }
  const isNamespace = group === '' && obj.kind === 'Namespace';
  // For a Namespace, Gatekeeper matches namespaces/excludedNamespaces against its own name.
  const ns = isNamespace ? obj.metadata.name : obj.metadata.namespace;
  if (m.scope === 'Cluster' && obj.metadata.namespace) return false;
  if (m.scope === 'Namespaced' && !obj.metadata.namespace) return false;
  if (typeof m.name === 'string' && !glob(m.name, obj.metadata.name)) return false;
  if (ns !== undefined) {
    const namespaces = arr(m.namespaces).map(String);
    if (namespaces.length > 0 && !namespaces.some((p) => glob(p, ns))) return false;
    if (
      arr(m.excludedNamespaces)
        .map(String)
        .some((p) => glob(p, ns))
    )
      return false;
  }
  if (m.labelSelector !== undefined && !matchesLabelSelector(m.labelSelector, obj.metadata.labels)) return false;
  if (m.namespaceSelector !== undefined) {
    if (ns === undefined) return true;
    const labels = isNamespace ? { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns } : namespaceLabels(ns);
    if (!matchesLabelSelector(m.namespaceSelector, labels)) return false;
  }
  return true;
}
