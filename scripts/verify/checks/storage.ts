/**
 * Storage: every StorageClass a volume claim names is rendered in the same environment and synced
 * before the claim. Claims are PersistentVolumeClaims, StatefulSet volumeClaimTemplates, any
 * `storageClassName` inside a custom resource (e.g. a Prometheus' volumeClaimTemplate) and the
 * `storageClassName` / `storageClass` settings inside the Helm values of add-on Applications.
 */
import { clusterPlatform } from '../platform.ts';
import { load } from 'js-yaml';
import { arr, finding, groupOf, rec, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';

const CHECK = 'storage';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** A storage class a rendered object asks for; `undefined` asks for the cluster default. */
interface Claim {
  readonly at: DistObject;
  readonly where: string;
  readonly className: string | undefined;
  /** Sync wave the claim is applied in (its Application's), when known. */
  readonly wave: number | undefined;
}

function waveOf(app: DistObject): number {
  const w = Number(app.object.metadata.annotations?.[SYNC_WAVE] ?? 0);
  return Number.isFinite(w) ? w : 0;
}

/** `storageClassName` (and in Helm values also `storageClass`) anywhere below `value`. */
function namedClasses(value: unknown, path: string, keys: ReadonlySet<string>, out: { where: string; name: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => namedClasses(v, `${path}[${i}]`, keys, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    // Helm charts' convention: "" or "-" means no class (storageClassName: ""), i.e. no dynamic provisioning.
    if (keys.has(k) && typeof v === 'string') {
      if (v !== '' && v !== '-') out.push({ where: p, name: v });
    } else namedClasses(v, p, keys, out);
  }
}

function helmValues(source: Record<string, unknown>): unknown[] {
  const helm = rec(source.helm);
  const out: unknown[] = [];
  if (helm.valuesObject !== undefined) out.push(helm.valuesObject);
  if (typeof helm.values === 'string') {
    try {
      out.push(load(helm.values));
    } catch {
      // Unparsable values are the schema check's concern.
    }
  }
  return out;
}

function checkEnv(env: string, objects: readonly DistObject[]): Finding[] {
  const out: Finding[] = [];
  const applications = objects.filter((o) => o.object.kind === 'Application' && groupOf(o.object.apiVersion) === 'argoproj.io');
  const appWave = new Map<string, number>();
  for (const a of applications) {
    const spec = rec(a.object.spec);
    for (const s of spec.source !== undefined ? [rec(spec.source)] : arr(spec.sources).map(rec)) {
      const m = typeof s.path === 'string' ? /^dist\/([^/]+)\/([^/]+?)\/*$/.exec(s.path) : null;
      if (m && m[1] === env && m[2]) appWave.set(m[2], waveOf(a));
    }
  }
  const classes = objects.filter((o) => o.object.kind === 'StorageClass' && groupOf(o.object.apiVersion) === 'storage.k8s.io');
  // Classes the platform creates itself (k3s' local-path) exist before the first wave.
  const builtIn = new Set(clusterPlatform(objects).storageClasses);

  const claims: Claim[] = [];
  const claimKeys = new Set(['storageClassName']);
  const helmKeys = new Set(['storageClassName', 'storageClass']);
  for (const o of objects) {
    const group = groupOf(o.object.apiVersion);
    if (o.object.kind === 'StorageClass' && group === 'storage.k8s.io') continue;
    const wave = appWave.get(o.app);
    const found: { where: string; name: string }[] = [];
    if (o.object.kind === 'Application' && group === 'argoproj.io') {
      const spec = rec(o.object.spec);
      const sources = spec.source !== undefined ? [rec(spec.source)] : arr(spec.sources).map(rec);
      for (const s of sources) for (const v of helmValues(s)) namedClasses(v, 'spec.source.helm.values', helmKeys, found);
      for (const f of found) claims.push({ at: o, where: f.where, className: f.name, wave: waveOf(o) });
      continue;
    }
    namedClasses(o.object, '', claimKeys, found);
    for (const f of found) claims.push({ at: o, where: f.where, className: f.name, wave });
    // A claim without storageClassName gets the default class (DefaultStorageClass admission plugin,
    // kubernetes plugin/pkg/admission/storage/storageclass/setdefault); "" opts out and is skipped above.
    const spec = rec(o.object.spec);
    if (o.object.kind === 'PersistentVolumeClaim' && group === '' && spec.storageClassName === undefined && spec.volumeName === undefined)
      claims.push({ at: o, where: 'spec.storageClassName', className: undefined, wave });
    if (o.object.kind === 'StatefulSet' && group === 'apps')
      arr(spec.volumeClaimTemplates).forEach((t, i) => {
        if (rec(rec(t).spec).storageClassName === undefined)
          claims.push({ at: o, where: `spec.volumeClaimTemplates[${i}].spec.storageClassName`, className: undefined, wave });
      });
  }

  for (const c of claims) {
    if (c.className !== undefined && builtIn.has(c.className)) continue;
    const provider =
      c.className === undefined
        ? classes.find((s) => s.object.metadata.annotations?.[DEFAULT_CLASS] === 'true')
        : classes.find((s) => s.object.metadata.name === c.className);
    const asked =
      c.className === undefined ? 'the default StorageClass (none is annotated is-default-class)' : `StorageClass ${c.className}`;
    if (!provider) {
      out.push(
        finding(CHECK, c.at, 'storage-class-exists', 'error', `${c.where} asks for ${asked}, which no StorageClass in ${env} provides`),
      );
      continue;
    }
    const providerWave = appWave.get(provider.app);
    if (provider.app === c.at.app || c.wave === undefined || providerWave === undefined) continue;
    // Argo CD syncs a wave only after the previous one is healthy; a claim whose class arrives in the
    // same or a later wave stays Pending and its workload never turns healthy.
    if (providerWave >= c.wave)
      out.push(
        finding(
          CHECK,
          c.at,
          'storage-class-synced-first',
          'error',
          `${c.where} asks for StorageClass ${provider.object.metadata.name}, which app ${provider.app} syncs in wave ${providerWave}, not before this claim's wave ${c.wave}`,
        ),
      );
  }
  return out;
}

/** The storage check. */
export const storageCheck: Check = {
  name: CHECK,
  rules: ['storage-class-exists', 'storage-class-synced-first'],
  run(model: DistModel): Finding[] {
    const envs = [...new Set(model.objects.map((o) => o.env))];
    return envs.flatMap((env) =>
      checkEnv(
        env,
        model.objects.filter((o) => o.env === env),
      ),
    );
  },
};
