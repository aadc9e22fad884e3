/**
 * Integrity: references between rendered objects resolve inside dist/ (per environment), so
 * nothing is synced that points at a Service, workload, store or Secret that will never exist.
 */
import { clusterPlatform } from '../platform.ts';
import { isEmptySelector, matchesEquality, matchesLabelSelector } from '../label-selector.ts';
import { arr, finding, rec, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';
import { containersOf, workloadsOf, type Workload } from '../pod-templates.ts';
import { autoscalersOf, scaleBounds } from '../autoscalers.ts';
import { EnvIndex } from '../references/env-index.ts';

const CHECK = 'integrity';

/** Objects every cluster provides without dist/ rendering them. */
export const CLUSTER_PROVIDED: readonly { kind: string; name: string }[] = [
  { kind: 'ServiceAccount', name: 'default' },
  { kind: 'ConfigMap', name: 'kube-root-ca.crt' },
];

/** Network peers outside dist/ that every cluster runs: namespace and pod labels. */
export const SYSTEM_PEERS: readonly { namespace: string; labels: Record<string, string> }[] = [
  { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
  { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } },
];

function nsOf(o: DistObject): string {
  return o.object.metadata.namespace ?? 'default';
}

/** The autoscaler (HPA or ScaledObject) among `autoscalers` that targets `w`, if any. */
export function autoscalerOf(w: Workload, autoscalers: readonly DistObject[]): DistObject | undefined {
  return autoscalers.find((a) => {
    const b = scaleBounds(a);
    return nsOf(a) === nsOf(w.at) && b.kind === w.at.object.kind && b.name === w.at.object.metadata.name;
  });
}

/** Replicas a workload runs at least: its autoscaler's lower bound when one targets it, else spec.replicas. */
export function minReplicas(w: Workload, autoscalers: readonly DistObject[]): { replicas: number; source: string } {
  const a = autoscalerOf(w, autoscalers);
  if (a) return { replicas: scaleBounds(a).min, source: scaleBounds(a).label };
  return { replicas: Number(rec(w.at.object.spec).replicas ?? 1), source: 'spec.replicas' };
}

/** Pods a PDB requires available out of `replicas` (percentages round up, as the disruption controller does). */
export function requiredAvailable(pdbSpec: Record<string, unknown>, replicas: number): number {
  const scaled = (v: unknown, roundUp: boolean): number => {
    if (typeof v === 'number') return v;
    const pct = Number(String(v).replace('%', '')) / 100;
    return roundUp ? Math.ceil(pct * replicas) : Math.floor(pct * replicas);
  };
  if (pdbSpec.minAvailable !== undefined) return scaled(pdbSpec.minAvailable, true);
  if (pdbSpec.maxUnavailable !== undefined) return replicas - scaled(pdbSpec.maxUnavailable, true);
  return 0;
}

function podRefs(podSpec: Record<string, unknown>): { kind: string; name: string; where: string }[] {
  const refs: { kind: string; name: string; where: string }[] = [];
  refs.push({ kind: 'ServiceAccount', name: String(podSpec.serviceAccountName ?? 'default'), where: 'serviceAccountName' });
  for (const s of arr(podSpec.imagePullSecrets).map(rec)) refs.push({ kind: 'Secret', name: String(s.name), where: 'imagePullSecrets' });
  for (const v of arr(podSpec.volumes).map(rec)) {
    const cm = rec(v.configMap);
    const secret = rec(v.secret);
    if (cm.name && cm.optional !== true) refs.push({ kind: 'ConfigMap', name: String(cm.name), where: `volume ${String(v.name)}` });
    if (secret.secretName && secret.optional !== true)
      refs.push({ kind: 'Secret', name: String(secret.secretName), where: `volume ${String(v.name)}` });
    for (const src of arr(rec(v.projected).sources).map(rec)) {
      const pcm = rec(src.configMap);
      const ps = rec(src.secret);
      if (pcm.name && pcm.optional !== true) refs.push({ kind: 'ConfigMap', name: String(pcm.name), where: `volume ${String(v.name)}` });
      if (ps.name && ps.optional !== true) refs.push({ kind: 'Secret', name: String(ps.name), where: `volume ${String(v.name)}` });
    }
  }
  for (const c of containersOf(podSpec)) {
    for (const e of arr(c.env).map(rec)) {
      const from = rec(e.valueFrom);
      const cm = rec(from.configMapKeyRef);
      const s = rec(from.secretKeyRef);
      if (cm.name && cm.optional !== true)
        refs.push({ kind: 'ConfigMap', name: String(cm.name), where: `container ${String(c.name)} env ${String(e.name)}` });
      if (s.name && s.optional !== true)
        refs.push({ kind: 'Secret', name: String(s.name), where: `container ${String(c.name)} env ${String(e.name)}` });
    }
    for (const e of arr(c.envFrom).map(rec)) {
      const cm = rec(e.configMapRef);
      const s = rec(e.secretRef);
      if (cm.name && cm.optional !== true)
        refs.push({ kind: 'ConfigMap', name: String(cm.name), where: `container ${String(c.name)} envFrom` });
      if (s.name && s.optional !== true) refs.push({ kind: 'Secret', name: String(s.name), where: `container ${String(c.name)} envFrom` });
    }
  }
  return refs;
}

function checkEnv(objects: readonly DistObject[]): Finding[] {
  const out: Finding[] = [];
  const workloads = workloadsOf(objects);
  // Indexed once: looking objects up by scanning every object per reference made this check
  // quadratic in the catalog (17.9 s of verify at 300 services x 3 environments).
  const index = new EnvIndex(objects);
  const of = (kind: string, group: string): readonly DistObject[] => index.of(`${group}/${kind}`);
  const named = (kind: string, group: string, ns: string, name: string): DistObject | undefined =>
    index.get(`${group}/${kind}`, name, ns) ?? (ns === 'default' ? index.get(`${group}/${kind}`, name) : undefined);
  const services = of('Service', '');
  const hpas = autoscalersOf(objects);
  const workloadsByNamespace = new Map<string, Workload[]>();
  // Pods the platform runs outside dist/ (k3s' Traefik), named by its marker.
  const platformPeers = clusterPlatform(objects).systemPeers;
  for (const w of workloads) {
    const list = workloadsByNamespace.get(nsOf(w.at));
    if (list) list.push(w);
    else workloadsByNamespace.set(nsOf(w.at), [w]);
  }
  const workloadsIn = (ns: string): readonly Workload[] => workloadsByNamespace.get(ns) ?? [];
  const labelsOfNamespace = new Map<string, Record<string, string>>();
  const namespaceLabels = (ns: string): Record<string, string> => {
    let labels = labelsOfNamespace.get(ns);
    if (!labels) {
      labels = { ...(index.get('/Namespace', ns)?.object.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns };
      labelsOfNamespace.set(ns, labels);
    }
    return labels;
  };
  const podsOfService = (svc: DistObject): Workload[] => {
    const selector = rec(rec(svc.object.spec).selector);
    return Object.keys(selector).length === 0 ? [] : workloadsIn(nsOf(svc)).filter((w) => matchesEquality(selector, w.labels));
  };

  for (const svc of services) {
    const spec = rec(svc.object.spec);
    if (Object.keys(rec(spec.selector)).length === 0 || spec.type === 'ExternalName') continue;
    const pods = podsOfService(svc);
    if (pods.length === 0) {
      out.push(
        finding(
          CHECK,
          svc,
          'service-selects-pods',
          'error',
          `selector ${JSON.stringify(spec.selector)} matches no workload's pod labels in namespace ${nsOf(svc)}`,
        ),
      );
      continue;
    }
    for (const port of arr(spec.ports).map(rec)) {
      const target = port.targetPort ?? port.port;
      const found = pods.some((w) =>
        containersOf(w.podSpec).some((c) =>
          arr(c.ports)
            .map(rec)
            .some((p) => (typeof target === 'string' ? p.name === target : p.containerPort === target)),
        ),
      );
      if (!found)
        out.push(
          finding(
            CHECK,
            svc,
            'service-target-port',
            'error',
            `port ${String(port.name ?? port.port)}: targetPort ${String(target)} is not a container port of ${pods.map((w) => w.at.object.metadata.name).join(', ')}`,
          ),
        );
    }
  }

  for (const sm of of('ServiceMonitor', 'monitoring.coreos.com')) {
    const spec = rec(sm.object.spec);
    const nsSel = rec(spec.namespaceSelector);
    const inNamespace = (ns: string): boolean =>
      nsSel.any === true || (Array.isArray(nsSel.matchNames) ? nsSel.matchNames.includes(ns) : ns === nsOf(sm));
    const selected = services.filter((s) => inNamespace(nsOf(s)) && matchesLabelSelector(spec.selector, s.object.metadata.labels));
    if (selected.length === 0) {
      out.push(finding(CHECK, sm, 'servicemonitor-selects-service', 'error', 'selects no Service in dist/'));
      continue;
    }
    for (const ep of arr(spec.endpoints).map(rec)) {
      if (typeof ep.port !== 'string') continue;
      if (
        !selected.some((s) =>
          arr(rec(s.object.spec).ports)
            .map(rec)
            .some((p) => p.name === ep.port),
        )
      ) {
        out.push(
          finding(
            CHECK,
            sm,
            'servicemonitor-port',
            'error',
            `endpoint port "${ep.port}" is not a port name of ${selected.map((s) => s.object.metadata.name).join(', ')}`,
          ),
        );
      }
    }
  }

  const scalersOf = new Map<string, DistObject[]>();
  for (const hpa of hpas) {
    const ref = scaleBounds(hpa);
    const key = `${nsOf(hpa)}|${ref.kind}|${ref.name}`;
    scalersOf.set(key, [...(scalersOf.get(key) ?? []), hpa]);
  }
  for (const hpa of hpas) {
    const ref = scaleBounds(hpa);
    if (!workloadsIn(nsOf(hpa)).some((w) => w.at.object.kind === ref.kind && w.at.object.metadata.name === ref.name)) {
      out.push(
        finding(CHECK, hpa, 'hpa-target', 'error', `scaleTargetRef ${ref.kind}/${ref.name} does not exist in namespace ${nsOf(hpa)}`),
      );
    }
    const others = (scalersOf.get(`${nsOf(hpa)}|${ref.kind}|${ref.name}`) ?? []).filter((o) => o !== hpa);
    if (others.length > 0)
      out.push(
        finding(
          CHECK,
          hpa,
          'hpa-target',
          'error',
          `${ref.kind}/${ref.name} is also scaled by ${others.map((o) => `${o.object.kind} ${o.object.metadata.name}`).join(', ')}: two autoscalers would fight over its replicas`,
        ),
      );
  }

  // KEDA resolves a trigger's authenticationRef in the ScaledObject's namespace (TriggerAuthentication,
  // the default kind) or cluster-wide; with podIdentity aws + identityOwner workload it reads the
  // scale target's ServiceAccount annotation eks.amazonaws.com/role-arn and fails without it
  // (kedacore/keda pkg/scaling/resolver/scale_resolvers.go ResolveAuthRefAndPodIdentity).
  for (const so of of('ScaledObject', 'keda.sh')) {
    const target = scaleBounds(so);
    const workload = workloadsIn(nsOf(so)).find((w) => w.at.object.kind === target.kind && w.at.object.metadata.name === target.name);
    for (const trigger of arr(rec(so.object.spec).triggers).map(rec)) {
      const ref = rec(trigger.authenticationRef);
      if (ref.name === undefined) continue;
      const kind = String(ref.kind ?? 'TriggerAuthentication');
      const auth = of(kind, 'keda.sh').find(
        (a) => a.object.metadata.name === ref.name && (kind === 'ClusterTriggerAuthentication' || nsOf(a) === nsOf(so)),
      );
      if (!auth) {
        out.push(
          finding(
            CHECK,
            so,
            'trigger-authentication',
            'error',
            `trigger ${String(trigger.type)}: ${kind} ${String(ref.name)} is not rendered in this environment's dist/`,
          ),
        );
        continue;
      }
      const identity = rec(rec(auth.object.spec).podIdentity);
      if (identity.provider !== 'aws' || identity.identityOwner !== 'workload' || !workload) continue;
      const saName = String(workload.podSpec.serviceAccountName ?? 'default');
      const sa = named('ServiceAccount', '', nsOf(so), saName);
      if (!sa?.object.metadata.annotations?.['eks.amazonaws.com/role-arn'])
        out.push(
          finding(
            CHECK,
            so,
            'trigger-authentication',
            'error',
            `trigger ${String(trigger.type)} authenticates as the workload, but ServiceAccount ${nsOf(so)}/${saName} has no eks.amazonaws.com/role-arn annotation`,
          ),
        );
    }
  }

  for (const pdb of of('PodDisruptionBudget', 'policy')) {
    const spec = rec(pdb.object.spec);
    const selected = workloadsIn(nsOf(pdb)).filter((w) => matchesLabelSelector(spec.selector, w.labels));
    if (selected.length === 0) {
      out.push(finding(CHECK, pdb, 'pdb-selects-workload', 'error', `selector matches no workload in namespace ${nsOf(pdb)}`));
      continue;
    }
    for (const w of selected) {
      const { replicas, source } = minReplicas(w, hpas);
      const needed = requiredAvailable(spec, replicas);
      if (needed >= replicas) {
        out.push(
          finding(
            CHECK,
            pdb,
            'pdb-below-replicas',
            'error',
            `requires ${needed} available pods but ${w.at.object.kind} ${w.at.object.metadata.name} runs ${replicas} (${source}): no node could ever be drained`,
          ),
        );
      }
    }
  }

  // Secrets an ExternalSecret (target.name, else its own name) or a Certificate (secretName) creates.
  const madeSecrets = new Set([
    ...of('ExternalSecret', 'external-secrets.io').map(
      (e) => `${nsOf(e)}|${String(rec(rec(e.object.spec).target).name ?? e.object.metadata.name)}`,
    ),
    ...of('Certificate', 'cert-manager.io').map((c) => `${nsOf(c)}|${String(rec(c.object.spec).secretName)}`),
  ]);
  const exists = (kind: string, ns: string, name: string): boolean =>
    CLUSTER_PROVIDED.some((c) => c.kind === kind && c.name === name) ||
    named(kind, '', ns, name) !== undefined ||
    (kind === 'Secret' && madeSecrets.has(`${ns}|${name}`));
  for (const w of workloads) {
    for (const ref of podRefs(w.podSpec)) {
      if (!exists(ref.kind, nsOf(w.at), ref.name)) {
        out.push(
          finding(
            CHECK,
            w.at,
            'reference-exists',
            'error',
            `${ref.where} references ${ref.kind} ${nsOf(w.at)}/${ref.name}, which is neither in dist/ nor an ExternalSecret or Certificate target`,
          ),
        );
      }
    }
  }

  for (const es of of('ExternalSecret', 'external-secrets.io')) {
    const store = rec(rec(es.object.spec).secretStoreRef);
    const kind = String(store.kind ?? 'SecretStore');
    const found = of(kind, 'external-secrets.io').some(
      (o) => o.object.metadata.name === store.name && (kind === 'ClusterSecretStore' || nsOf(o) === nsOf(es)),
    );
    if (!found)
      out.push(
        finding(CHECK, es, 'secret-store-exists', 'error', `${kind} ${String(store.name)} is not rendered in this environment's dist/`),
      );
  }

  for (const np of of('NetworkPolicy', 'networking.k8s.io')) {
    const spec = rec(np.object.spec);
    const peers = [
      ...arr(spec.ingress).flatMap((r) => arr(rec(r).from).map((p) => ({ dir: 'ingress from', peer: rec(p) }))),
      ...arr(spec.egress).flatMap((r) => arr(rec(r).to).map((p) => ({ dir: 'egress to', peer: rec(p) }))),
    ];
    for (const { dir, peer } of peers) {
      if (peer.ipBlock) continue;
      const nsMatches = (ns: string): boolean =>
        peer.namespaceSelector === undefined ? ns === nsOf(np) : matchesLabelSelector(peer.namespaceSelector, namespaceLabels(ns));
      const podMatches = (labels: Record<string, string>): boolean =>
        peer.podSelector === undefined || matchesLabelSelector(peer.podSelector, labels);
      if (
        [...SYSTEM_PEERS, ...platformPeers].some(
          (s) =>
            nsMatches(s.namespace) &&
            podMatches(s.labels) &&
            !(peer.podSelector === undefined || isEmptySelector(peer.podSelector)) === true,
        )
      )
        continue;
      if ([...workloadsByNamespace].some(([ns, list]) => nsMatches(ns) && list.some((w) => podMatches(w.labels)))) continue;
      out.push(
        finding(
          CHECK,
          np,
          'networkpolicy-peer',
          'error',
          `${dir} peer ${JSON.stringify(peer)} selects no workload in dist/ and is not a known system peer`,
        ),
      );
    }
  }
  return out;
}

/** The integrity check. */
export const integrityCheck: Check = {
  name: CHECK,
  rules: [
    'service-selects-pods',
    'service-target-port',
    'servicemonitor-selects-service',
    'servicemonitor-port',
    'hpa-target',
    'trigger-authentication',
    'pdb-selects-workload',
    'pdb-below-replicas',
    'reference-exists',
    'secret-store-exists',
    'networkpolicy-peer',
  ],
  run(model: DistModel): Finding[] {
    const envs = [...new Set(model.objects.map((o) => o.env))];
    return envs.flatMap((env) => checkEnv(model.objects.filter((o) => o.env === env)));
  },
};
