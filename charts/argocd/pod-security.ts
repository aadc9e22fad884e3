/**
 * Pod Security level of the namespaces Argo CD creates for add-ons. Workload namespaces are
 * `restricted` (cluster-config renders them); add-ons that need host access get exactly the level
 * their chart requires, and no more.
 */

/** Levels of the Pod Security Standards, least to most permissive. */
const LEVELS = ['restricted', 'baseline', 'privileged'] as const;
type Level = (typeof LEVELS)[number];

/** Add-ons whose pods need more than `baseline`, with the reason. */
const NEEDS: Readonly<Record<string, Level>> = {
  // node-exporter uses hostNetwork, hostPID and hostPath.
  'kube-prometheus-stack': 'privileged',
  // Reads container logs from the node through hostPath.
  'fluent-bit': 'privileged',
  // The node collector mounts host paths to assess node configuration.
  'trivy-operator': 'privileged',
};

/** Pod Security labels for a namespace shared by `addons`: the most permissive level any needs. */
export function namespaceLabels(addons: readonly string[]): Record<string, string> {
  const level = addons
    .map((a) => NEEDS[a] ?? 'baseline')
    .reduce((a, b) => (LEVELS.indexOf(b) > LEVELS.indexOf(a) ? b : a), 'baseline' as Level);
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/audit': 'restricted',
  };
}
