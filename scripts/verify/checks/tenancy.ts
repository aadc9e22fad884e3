/**
 * Tenancy: a tenant namespace (label `fintrack.io/tenant`) is an island. Under the rendered
 * NetworkPolicies (evaluated with ../network-policy.ts, k8s networking/v1 semantics) no pod in it
 * may open a connection to a pod in any other namespace, and no pod elsewhere to a pod in it,
 * on any port, except the two platform paths every namespace has: DNS to kube-dns (port 53) and
 * Prometheus scraping it. Each namespace, kube-system and monitoring included, also stands for pods
 * dist/ does not render ("<any other pod>"), so a namespace-wide or label-less rule is caught even
 * where nothing runs yet.
 */
import { finding, groupOf, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';
import { connectionAllowed, type PolicyWorld } from '../network-policy.ts';
import type { PodEndpoint } from '../pod-endpoint.ts';
import { workloadsOf } from '../pod-templates.ts';
import { KUBE_DNS, podOf, PROMETHEUS } from './network.ts';

const CHECK = 'tenancy';
const RULE = 'tenant-isolation';
/** Namespace label naming the tenant a namespace belongs to (apps/resolve-tenants.ts TENANT_LABEL). */
export const TENANT_LABEL = 'fintrack.io/tenant';
const NS = 'kubernetes.io/metadata.name';
/** The two platform paths every namespace has by design: DNS to kube-dns, and Prometheus scraping it. */
function platformPath(from: PodEndpoint, to: PodEndpoint, port: number): boolean {
  return (to === KUBE_DNS && port === 53) || from === PROMETHEUS;
}
/** Ports tried besides every port a pod declares: an unnamed high port, HTTPS, PostgreSQL. */
const PROBE_PORTS = [1, 443, 5432, 8080];

function stranger(namespace: string): PodEndpoint {
  return {
    kind: 'pod',
    name: `${namespace}/<any other pod>`,
    namespace,
    labels: { 'app.kubernetes.io/name': 'verify-undeclared-peer' },
    ports: PROBE_PORTS.map((port) => ({ port, protocol: 'TCP' })),
  };
}

function checkEnv(objects: readonly DistObject[]): Finding[] {
  const namespaces = objects.filter((o) => o.object.kind === 'Namespace' && groupOf(o.object.apiVersion) === '');
  const tenantNs = namespaces.filter((n) => n.object.metadata.labels?.[TENANT_LABEL] !== undefined);
  if (tenantNs.length === 0) return [];
  const labelsOf = new Map(
    namespaces.map((n) => [n.object.metadata.name, { ...(n.object.metadata.labels ?? {}), [NS]: n.object.metadata.name }]),
  );
  const world: PolicyWorld = {
    policies: objects
      .filter((o) => o.object.kind === 'NetworkPolicy' && groupOf(o.object.apiVersion) === 'networking.k8s.io')
      .map((o) => o.object),
    namespaceLabels: (ns) => labelsOf.get(ns) ?? { [NS]: ns },
  };
  const workloads = workloadsOf(objects).filter((w) => w.at.object.kind !== 'CronJob' && w.at.object.kind !== 'Job');
  const pods = workloads.map((w) => ({ pod: podOf(w.at, w.labels, w.podSpec), at: w.at }));
  const allNamespaces = [
    ...new Set([...labelsOf.keys(), ...pods.map((p) => p.pod.namespace), 'default', KUBE_DNS.namespace, PROMETHEUS.namespace]),
  ];
  const everyone = [...pods.map((p) => p.pod), KUBE_DNS, PROMETHEUS, ...allNamespaces.map(stranger)];
  const ports = (p: PodEndpoint): number[] => [...new Set([...p.ports.map((x) => x.port), ...PROBE_PORTS])].sort((a, b) => a - b);

  const out: Finding[] = [];
  for (const ns of tenantNs) {
    const name = ns.object.metadata.name;
    const tenant = ns.object.metadata.labels?.[TENANT_LABEL] ?? '';
    const inside = everyone.filter((p) => p.namespace === name);
    const outside = everyone.filter((p) => p.namespace !== name);
    const report = (from: PodEndpoint, to: PodEndpoint, port: number): void => {
      const at = pods.find((p) => p.pod === (from.namespace === name ? from : to))?.at ?? ns;
      out.push(
        finding(
          CHECK,
          at,
          RULE,
          'error',
          `tenant ${tenant}: ${from.name} → ${to.name} port ${port}/TCP is allowed; a tenant namespace talks to no other namespace (only DNS and Prometheus)`,
        ),
      );
    };
    for (const a of inside)
      for (const b of outside) {
        for (const port of ports(b)) if (!platformPath(a, b, port) && connectionAllowed(world, a, b, port)) report(a, b, port);
        for (const port of ports(a)) if (!platformPath(b, a, port) && connectionAllowed(world, b, a, port)) report(b, a, port);
      }
  }
  return out;
}

/** The tenancy check: tenant namespaces are cut off from every other namespace. */
export const tenancyCheck: Check = {
  name: CHECK,
  rules: [RULE],
  run(model: DistModel): Finding[] {
    const envs = [...new Set(model.objects.map((o) => o.env))].sort();
    return envs.flatMap((env) => checkEnv(model.objects.filter((o) => o.env === env)));
  },
};
