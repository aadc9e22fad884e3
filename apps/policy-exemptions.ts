/**
 * The namespaces Gatekeeper's constraints exclude in one environment: Kubernetes' own and those of
 * the add-ons running there. Add-ons run agents that need host access or upstream images and are
 * reviewed with their Helm charts instead; a namespace no add-on uses is not exempt.
 */
import type { ResolvedAddon } from './resolve-addons.ts';

/**
 * Namespaces the API server creates itself (kubernetes pkg/controlplane/controller/systemnamespaces,
 * from k8s.io/api core/v1 and apimachinery metav1: NamespaceSystem, NamespacePublic, NamespaceNodeLease).
 */
const KUBERNETES_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'] as const;

/** Sorted, de-duplicated namespaces every constraint of this environment excludes. */
export function policyExemptNamespaces(addons: readonly Pick<ResolvedAddon, 'namespace'>[]): string[] {
  return [...new Set([...KUBERNETES_NAMESPACES, ...addons.map((a) => a.namespace)])].sort();
}
