/**
 * Pod endpoints indexed by namespace and by label, so a NetworkPolicy peer is matched against the
 * few pods it can select instead of every pod of the environment.
 */
import { rec } from './model.ts';
import type { PodEndpoint } from './pod-endpoint.ts';

/** Pods by namespace and by `key=value` label. */
export class PodIndex {
  private readonly byLabel = new Map<string, PodEndpoint[]>();
  private readonly byNamespace = new Map<string, PodEndpoint[]>();

  constructor(readonly pods: readonly PodEndpoint[]) {
    const add = (map: Map<string, PodEndpoint[]>, key: string, pod: PodEndpoint): void => {
      const list = map.get(key);
      if (list) list.push(pod);
      else map.set(key, [pod]);
    };
    for (const pod of pods) {
      add(this.byNamespace, pod.namespace, pod);
      for (const [k, v] of Object.entries(pod.labels)) add(this.byLabel, `${k}=${v}`, pod);
    }
  }

  /**
   * Pods a peer can possibly select (a superset; the caller still matches each exactly): those
   * carrying one of its podSelector's matchLabels, else those of the policy's namespace when the
   * peer has no namespaceSelector, else all.
   */
  possible(peer: Record<string, unknown>, policyNamespace: string): readonly PodEndpoint[] {
    const matchLabels = Object.entries(rec(rec(peer.podSelector).matchLabels));
    const first = matchLabels[0];
    if (first) return this.byLabel.get(`${first[0]}=${String(first[1])}`) ?? [];
    if (peer.namespaceSelector === undefined) return this.byNamespace.get(policyNamespace) ?? [];
    return this.pods;
  }
}
