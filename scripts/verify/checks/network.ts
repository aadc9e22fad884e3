/**
 * Network: per service of the environment's network contract, the rendered NetworkPolicies allow
 * exactly what it declares — calls from `callers`, the load balancer when `public`, Prometheus
 * scrapes, DNS, calls to the services that list it as a caller, and its egress targets
 * (`postgres`, `redis`, `aws-apis`, `internet-https`) at the addresses and ports the contract
 * gives — and nothing else. Evaluated with {@link ../network-policy.ts} (k8s networking/v1 semantics).
 */
import { cidrRange, formatIp, subtract, type IpRange } from '../ipv4.ts';
import { finding, groupOf, rec, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';
import type { NetworkContract } from '../network-contract.ts';
import {
  connectionAllowed,
  egressAllows,
  egressIpRanges,
  ingressAllows,
  ingressIpRanges,
  peerCandidates,
  type PolicyWorld,
} from '../network-policy.ts';
import type { PodEndpoint } from '../pod-endpoint.ts';
import { PodIndex } from '../pod-index.ts';
import { containersOf, workloadsOf, type Workload } from '../pod-templates.ts';
import { arr } from '../model.ts';

const CHECK = 'network';
const NAME = 'app.kubernetes.io/name';
const NS = 'kubernetes.io/metadata.name';

/** Pods outside dist/ every cluster runs, as the service policies address them. */
const KUBE_DNS: PodEndpoint = {
  kind: 'pod',
  name: 'kube-system/kube-dns',
  namespace: 'kube-system',
  labels: { 'k8s-app': 'kube-dns' },
  ports: [
    { name: 'dns', port: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  ],
};
const PROMETHEUS: PodEndpoint = {
  kind: 'pod',
  name: 'monitoring/prometheus',
  namespace: 'monitoring',
  labels: { [NAME]: 'prometheus' },
  ports: [{ name: 'web', port: 9090, protocol: 'TCP' }],
};

type ServiceContract = NetworkContract['services'][number];

interface ServicePod {
  readonly contract: ServiceContract;
  readonly pod: PodEndpoint;
  readonly port: number | undefined;
  readonly metricsPort: number | undefined;
  readonly at: DistObject;
}

function ranges(cidrs: readonly string[]): IpRange[] {
  return cidrs.map(cidrRange).filter((r): r is IpRange => r !== undefined);
}

function podOf(at: DistObject, labels: Record<string, string>, podSpec: Record<string, unknown>): PodEndpoint {
  const ports = containersOf(podSpec).flatMap((c) =>
    arr(c.ports)
      .map(rec)
      .map((p) => ({
        ...(typeof p.name === 'string' ? { name: p.name } : {}),
        port: Number(p.containerPort),
        protocol: String(p.protocol ?? 'TCP'),
      })),
  );
  const ns = at.object.metadata.namespace ?? 'default';
  return { kind: 'pod', name: `${ns}/${at.object.metadata.name}`, namespace: ns, labels, ports };
}

function checkEnv(env: string, objects: readonly DistObject[], contract: NetworkContract): Finding[] {
  const out: Finding[] = [];
  const namespaces = objects.filter((o) => o.object.kind === 'Namespace' && groupOf(o.object.apiVersion) === '');
  // Looked up, not scanned: this check compares every service with every pod, so a scan inside it is cubic.
  const namespaceLabels = new Map(
    namespaces.map((n) => [n.object.metadata.name, { ...(n.object.metadata.labels ?? {}), [NS]: n.object.metadata.name }]),
  );
  const world: PolicyWorld = {
    policies: objects
      .filter((o) => o.object.kind === 'NetworkPolicy' && groupOf(o.object.apiVersion) === 'networking.k8s.io')
      .map((o) => o.object),
    namespaceLabels: (ns) => namespaceLabels.get(ns) ?? { [NS]: ns },
  };
  const workloads = workloadsOf(objects).filter((w) => w.at.object.kind !== 'CronJob' && w.at.object.kind !== 'Job');
  const pods = workloads.map((w) => podOf(w.at, w.labels, w.podSpec));

  const workloadOf = new Map<string, Workload>();
  for (const w of workloads) {
    const key = `${w.at.object.metadata.namespace ?? 'default'}|${w.labels[NAME] ?? ''}`;
    if (!workloadOf.has(key)) workloadOf.set(key, w);
  }
  const policyOf = new Map(
    objects.filter((o) => o.object.kind === 'NetworkPolicy').map((o) => [`${o.object.metadata.namespace}|${o.object.metadata.name}`, o]),
  );
  const services: ServicePod[] = [];
  for (const c of contract.services) {
    const w = workloadOf.get(`${c.namespace}|${c.name}`);
    if (!w) continue; // A service not rendered here is the contract/integrity checks' concern.
    const pod = podOf(w.at, w.labels, w.podSpec);
    const policy = policyOf.get(`${c.namespace}|${c.name}`);
    services.push({
      contract: c,
      pod,
      port: pod.ports.find((p) => p.name === 'http')?.port,
      metricsPort: pod.ports.find((p) => p.name === 'metrics')?.port,
      at: policy ?? w.at,
    });
  }
  const byName = new Map(services.map((s) => [s.contract.name, s]));
  const strangers: PodEndpoint[] = [...new Set([...services.map((s) => s.pod.namespace), 'default'])].map((ns) => ({
    kind: 'pod',
    name: `${ns}/<any other pod>`,
    namespace: ns,
    labels: { [NAME]: 'verify-undeclared-peer' },
    ports: [...new Set(services.flatMap((s) => s.pod.ports.map((p) => p.port)))].map((port) => ({ port, protocol: 'TCP' })),
  }));
  // Public traffic from pods (k3s: Traefik in kube-system) instead of load balancer addresses.
  const publicFrom = contract.network.publicFrom;
  const ingressController: PodEndpoint | undefined = publicFrom && {
    kind: 'pod',
    name: `${publicFrom.namespace}/<ingress controller>`,
    namespace: publicFrom.namespace,
    labels: publicFrom.labels,
    ports: publicFrom.ports.map((port) => ({ port, protocol: 'TCP' })),
  };
  const podTargets = contract.network.podTargets ?? {};
  const selects = (t: { namespace: string; labels: Record<string, string> }, x: PodEndpoint): boolean =>
    x.namespace === t.namespace && Object.entries(t.labels).every(([k, v]) => x.labels[k] === v);
  const candidates = [...pods, KUBE_DNS, PROMETHEUS, ...strangers, ...(ingressController ? [ingressController] : [])];
  const podIndex = new PodIndex(candidates);
  // Every numeric egress port any policy names: the same for every service, so gathered once.
  const policyEgressPorts = new Set<number>();
  for (const policy of world.policies)
    for (const rule of arr(rec(policy.spec).egress).map(rec))
      for (const port of arr(rule.ports).map(rec)) if (typeof port.port === 'number') policyEgressPorts.add(port.port);
  const calleesOf = new Map<string, ServicePod[]>();
  for (const o of services) for (const caller of o.contract.network.callers) calleesOf.set(caller, [...(calleesOf.get(caller) ?? []), o]);

  for (const s of services) {
    const report = (rule: string, message: string): void =>
      void out.push(finding(CHECK, s.at, rule, 'error', `${s.contract.name}: ${message}`));
    const callers = s.contract.network.callers.map((n) => byName.get(n)).filter((x): x is ServicePod => x !== undefined);
    for (const n of s.contract.network.callers.filter((c) => !byName.has(c)))
      report('missing-allow', `network.callers lists ${n}, which dist/ does not render in ${env}: its calls cannot be allowed`);
    const callees = [...new Set(calleesOf.get(s.contract.name) ?? [])];
    const targets = s.contract.network.egress
      .filter((t) => !podTargets[t])
      .map((t) => ({
        name: t,
        ...(contract.network.targets[t] ?? { cidrs: [], except: [], ports: [] }),
      }));
    const inCluster = s.contract.network.egress.filter((t) => podTargets[t]).map((t) => ({ name: t, ...podTargets[t]! }));
    for (const t of s.contract.network.egress)
      if (!contract.network.targets[t] && !podTargets[t])
        report('missing-allow', `egress target "${t}" has no location in the contract's network.targets`);

    // Required: declared traffic passes both ends.
    for (const c of callers) {
      if (s.port === undefined) break;
      if (!connectionAllowed(world, c.pod, s.pod, s.port))
        report(
          'missing-allow',
          `${c.pod.name} → port ${s.port} is denied (${egressAllows(world, c.pod, s.pod, s.port) ? 'by its ingress' : `by ${c.contract.name}'s egress`}), but network.callers lists ${c.contract.name}`,
        );
    }
    if (!connectionAllowed(world, s.pod, KUBE_DNS, 53, 'UDP')) report('missing-allow', 'DNS (kube-system/kube-dns 53/UDP) is denied');
    if (s.metricsPort !== undefined && !ingressAllows(world, s.pod, PROMETHEUS, s.metricsPort))
      report('missing-allow', `Prometheus (monitoring) → metrics port ${s.metricsPort} is denied`);
    const vpc = ranges([contract.network.vpcCidr]);
    if (s.contract.network.public && s.port !== undefined && ingressController) {
      if (!ingressAllows(world, s.pod, ingressController, s.port))
        report('missing-allow', `public: ${ingressController.name} → port ${s.port} is denied`);
    } else if (s.contract.network.public && s.port !== undefined) {
      const missing = subtract(vpc, ingressIpRanges(world, s.pod, s.port))[0];
      if (missing)
        report(
          'missing-allow',
          `public: the load balancer in ${contract.network.vpcCidr} → port ${s.port} is denied (e.g. from ${formatIp(missing.first)})`,
        );
    }
    for (const t of inCluster) {
      const found = pods.filter((x) => selects(t, x));
      if (found.length === 0)
        report('missing-allow', `egress "${t.name}": dist/ renders no pod in ${t.namespace} labelled ${JSON.stringify(t.labels)}`);
      for (const x of found)
        for (const port of t.ports)
          if (!connectionAllowed(world, s.pod, x, port))
            report(
              'missing-allow',
              `egress "${t.name}" → ${x.name} port ${port} is denied (${egressAllows(world, s.pod, x, port) ? `by ${x.name}'s ingress` : 'by its egress'})`,
            );
    }
    for (const t of targets) {
      for (const port of t.ports) {
        const missing = subtract(subtract(ranges(t.cidrs), ranges(t.except)), egressIpRanges(world, s.pod, port))[0];
        if (missing)
          report(
            'missing-allow',
            `egress "${t.name}" needs ${t.cidrs.join(', ')} port ${port}, but ${formatIp(missing.first)}${missing.last > missing.first ? `–${formatIp(missing.last)}` : ''} is denied`,
          );
      }
    }

    // Nothing else: what this service's own policies allow, peer by peer and port by port.
    // Only pods some rule of this service's policies names can pass (both directions 'all' when it
    // has no policy): the rest are denied on every port, so skipping them changes no finding.
    const ingressPeers = peerCandidates(world, s.pod, 'Ingress', podIndex);
    const egressPeers = peerCandidates(world, s.pod, 'Egress', podIndex);
    const reachable = (set: ReadonlySet<PodEndpoint> | 'all', x: PodEndpoint): boolean => set === 'all' || set.has(x);
    for (const x of candidates) {
      if (x.namespace === s.pod.namespace && x.name === s.pod.name) continue;
      if (!reachable(ingressPeers, x) && !reachable(egressPeers, x)) continue;
      for (const p of reachable(ingressPeers, x) ? s.pod.ports : []) {
        if (!ingressAllows(world, s.pod, x, p.port, p.protocol)) continue;
        const expected =
          (p.port === s.port && callers.some((c) => c.pod.name === x.name)) ||
          (x === PROMETHEUS && p.port === s.metricsPort) ||
          (x === ingressController && s.contract.network.public && p.port === s.port);
        if (!expected) report('extra-allow', `ingress from ${x.name} to port ${p.port}/${p.protocol} is allowed but not declared`);
      }
      for (const p of reachable(egressPeers, x) ? x.ports : []) {
        if (!egressAllows(world, s.pod, x, p.port, p.protocol)) continue;
        const callee = callees.find((c) => c.pod.name === x.name);
        const expected =
          (callee !== undefined && p.port === callee.port && p.protocol === 'TCP') ||
          (x === KUBE_DNS && p.port === 53) ||
          inCluster.some((t) => selects(t, x) && t.ports.includes(p.port) && p.protocol === 'TCP');
        if (!expected) report('extra-allow', `egress to ${x.name} port ${p.port}/${p.protocol} is allowed but not declared`);
      }
    }
    for (const p of s.pod.ports) {
      const allowedIps = ingressIpRanges(world, s.pod, p.port, p.protocol);
      const extra = subtract(allowedIps, s.contract.network.public && p.port === s.port && !ingressController ? vpc : [])[0];
      if (extra)
        report(
          'extra-allow',
          `ingress from ${formatIp(extra.first)}${extra.last > extra.first ? `–${formatIp(extra.last)}` : ''} to port ${p.port} is allowed but not declared`,
        );
    }
    const probePorts = new Set<number>([1, ...targets.flatMap((t) => t.ports), ...policyEgressPorts]);
    for (const port of [...probePorts].sort((a, b) => a - b)) {
      const declared = targets.filter((t) => t.ports.includes(port)).flatMap((t) => subtract(ranges(t.cidrs), ranges(t.except)));
      const extra = subtract(egressIpRanges(world, s.pod, port), declared)[0];
      if (extra)
        report(
          'extra-allow',
          `egress to ${formatIp(extra.first)}${extra.last > extra.first ? `–${formatIp(extra.last)}` : ''} port ${port} is allowed but no declared egress target covers it`,
        );
    }
  }
  return out;
}

/** The network check (runs only where a network contract was loaded). */
export const networkCheck: Check = {
  name: CHECK,
  rules: ['missing-allow', 'extra-allow'],
  run(model: DistModel): Finding[] {
    const envs = [...new Set(model.objects.map((o) => o.env))];
    return envs.flatMap((env) => {
      const contract = model.networkContracts?.get(env);
      return contract
        ? checkEnv(
            env,
            model.objects.filter((o) => o.env === env),
            contract,
          )
        : [];
    });
  },
};
