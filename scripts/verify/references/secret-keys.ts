/**
 * Secret keys: what a pod or an AlertmanagerConfig reads from a Secret must be a key that the
 * Secret's producer writes (an ExternalSecret, a cert-manager Certificate, or a rendered Secret).
 */
import { arr, rec, type DistObject } from '../model.ts';
import { containersOf } from '../pod-templates.ts';
import type { Emit, EnvIndex } from './env-index.ts';
import { nsOf } from './env-index.ts';

/** Rules of this module. */
export const SECRET_KEY_RULES = ['secret-key-written', 'alertmanager-secret-key'] as const;

interface Producer {
  /** Keys written, or undefined when they cannot be known offline (dataFrom, templates). */
  readonly keys: ReadonlySet<string> | undefined;
  readonly by: string;
}

// external-secrets pkg/template (ApplyTemplate): without template data the provider's keys are
// written as they are; with it, the template's keys replace them unless mergePolicy is Merge.
// dataFrom and templateFrom add keys only the provider or a ConfigMap knows.
function externalSecretKeys(spec: Record<string, unknown>): Set<string> | undefined {
  const template = rec(rec(spec.target).template);
  if (arr(spec.dataFrom).length > 0 || arr(template.templateFrom).length > 0) return undefined;
  const provided = arr(spec.data).map((d) => String(rec(d).secretKey));
  const templated = Object.keys(rec(template.data));
  if (templated.length === 0) return new Set(provided);
  return new Set(template.mergePolicy === 'Merge' ? [...provided, ...templated] : templated);
}

// The keys each producer writes:
// - external-secrets (above).
// - cert-manager pkg/controller/certificates/issuing (secrets manager): tls.crt, tls.key, ca.crt.
function producers(ix: EnvIndex): Map<string, Producer> {
  const out = new Map<string, Producer>();
  for (const s of ix.of('/Secret'))
    out.set(`${nsOf(s)}|${s.object.metadata.name}`, {
      keys: new Set([...Object.keys(rec(s.object.data)), ...Object.keys(rec(s.object.stringData))]),
      by: `Secret ${s.object.metadata.name}`,
    });
  for (const c of ix.of('cert-manager.io/Certificate')) {
    const name = rec(c.object.spec).secretName;
    if (typeof name === 'string')
      out.set(`${nsOf(c)}|${name}`, { keys: new Set(['tls.crt', 'tls.key', 'ca.crt']), by: `Certificate ${c.object.metadata.name}` });
  }
  for (const es of ix.of('external-secrets.io/ExternalSecret')) {
    const spec = rec(es.object.spec);
    const target = rec(spec.target);
    const name = String(target.name ?? es.object.metadata.name);
    out.set(`${nsOf(es)}|${name}`, { keys: externalSecretKeys(spec), by: `ExternalSecret ${es.object.metadata.name}` });
  }
  return out;
}

function podSecretKeys(podSpec: Record<string, unknown>): { secret: string; key: string; where: string }[] {
  const refs: { secret: string; key: string; where: string }[] = [];
  for (const c of containersOf(podSpec)) {
    for (const e of arr(c.env).map(rec)) {
      const s = rec(rec(e.valueFrom).secretKeyRef);
      if (s.name && s.key && s.optional !== true)
        refs.push({ secret: String(s.name), key: String(s.key), where: `container ${String(c.name)} env ${String(e.name)}` });
    }
  }
  for (const v of arr(podSpec.volumes).map(rec)) {
    const s = rec(v.secret);
    if (s.secretName && s.optional !== true)
      for (const i of arr(s.items).map(rec))
        refs.push({ secret: String(s.secretName), key: String(i.key), where: `volume ${String(v.name)}` });
    for (const src of arr(rec(v.projected).sources).map(rec)) {
      const ps = rec(src.secret);
      if (ps.name && ps.optional !== true)
        for (const i of arr(ps.items).map(rec))
          refs.push({ secret: String(ps.name), key: String(i.key), where: `volume ${String(v.name)}` });
    }
  }
  return refs;
}

function* keySelectors(value: unknown, path: string): Generator<{ path: string; name: string; key: string }> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* keySelectors(v, `${path}[${i}]`);
    return;
  }
  const r = rec(value);
  const keys = Object.keys(r);
  if (typeof r.name === 'string' && typeof r.key === 'string' && keys.every((k) => k === 'name' || k === 'key' || k === 'optional')) {
    if (r.optional !== true) yield { path, name: r.name, key: r.key };
    return;
  }
  for (const [k, v] of Object.entries(r)) yield* keySelectors(v, `${path}.${k}`);
}

function report(
  emit: Emit,
  at: DistObject,
  rule: string,
  producer: Producer | undefined,
  secret: string,
  key: string,
  where: string,
  effect: string,
): void {
  if (!producer?.keys || producer.keys.has(key)) return; // a missing Secret is integrity/reference-exists's finding
  emit(
    at,
    rule,
    'error',
    `${at.file}: ${where} reads key "${key}" of Secret ${nsOf(at)}/${secret}, but ${producer.by} writes only ${[...producer.keys].join(', ') || 'no keys'}: ${effect}`,
  );
}

/** Runs the secret key rules on one environment. */
export function checkSecretKeys(ix: EnvIndex, emit: Emit): void {
  const made = producers(ix);
  // kubelet pkg/kubelet/kubelet_pods.go makeEnvironmentVariables / secret volume plugin: a
  // missing key fails container creation (CreateContainerConfigError) or the mount.
  for (const w of ix.workloads)
    for (const ref of podSecretKeys(w.podSpec))
      report(
        emit,
        w.at,
        'secret-key-written',
        made.get(`${nsOf(w.at)}|${ref.secret}`),
        ref.secret,
        ref.key,
        ref.where,
        'the container never starts',
      );
  // prometheus-operator pkg/alertmanager (config generation reads each SecretKeySelector from
  // the AlertmanagerConfig's namespace): a missing key makes the operator reject that config.
  for (const amc of ix.of('monitoring.coreos.com/AlertmanagerConfig'))
    for (const ref of keySelectors(rec(amc.object.spec).receivers, 'spec.receivers')) {
      const producer = made.get(`${nsOf(amc)}|${ref.name}`);
      if (!producer)
        emit(
          amc,
          'alertmanager-secret-key',
          'error',
          `${amc.file}: ${ref.path}: Secret ${nsOf(amc)}/${ref.name} is neither rendered nor an ExternalSecret or Certificate target: the operator skips this AlertmanagerConfig`,
        );
      report(emit, amc, 'alertmanager-secret-key', producer, ref.name, ref.key, ref.path, 'the operator skips this AlertmanagerConfig');
    }
}
