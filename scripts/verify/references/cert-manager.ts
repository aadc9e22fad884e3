/**
 * cert-manager references and limits: a Certificate's issuer exists, its duration and
 * renewBefore pass the webhook, and a CA issuer's secret is produced in the namespace the
 * controller reads it from.
 */
import { rec, type DistObject } from '../model.ts';
import type { Emit, EnvIndex } from './env-index.ts';
import { nsOf } from './env-index.ts';

/** Rules of this module. */
export const CERT_MANAGER_RULES = ['certificate-issuer', 'certificate-duration', 'issuer-ca-secret'] as const;

const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds of a Go duration string (`time.ParseDuration`), or undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!m) return text === '0' ? 0 : undefined;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * (UNITS[part[2] ?? 's'] ?? 0);
  return m[1] === '-' ? -total : total;
}

// cert-manager pkg/apis/certmanager/v1 types_certificate.go: MinimumCertificateDuration (1h),
// MinimumRenewBefore (5m); the webhook's validateDuration enforces them
const MIN_DURATION_S = 3600;
const MIN_RENEW_BEFORE_S = 300;

// cert-manager internal/apis/certmanager/validation/certificate.go validateDuration
function durations(c: DistObject, emit: Emit): void {
  const spec = rec(c.object.spec);
  const at = (field: string): string => `${c.file}: spec.${field}`;
  const duration = spec.duration === undefined ? 90 * 24 * 3600 : parseGoDuration(String(spec.duration));
  const renewBefore = spec.renewBefore === undefined ? undefined : parseGoDuration(String(spec.renewBefore));
  if (duration === undefined)
    return emit(c, 'certificate-duration', 'error', `${at('duration')}: "${String(spec.duration)}" is not a duration`);
  if (spec.renewBefore !== undefined && renewBefore === undefined)
    return emit(c, 'certificate-duration', 'error', `${at('renewBefore')}: "${String(spec.renewBefore)}" is not a duration`);
  if (duration < MIN_DURATION_S)
    emit(
      c,
      'certificate-duration',
      'error',
      `${at('duration')}: certificate duration ${String(spec.duration)} must be greater than 1h0m0s`,
    );
  if (renewBefore !== undefined) {
    if (renewBefore < MIN_RENEW_BEFORE_S)
      emit(
        c,
        'certificate-duration',
        'error',
        `${at('renewBefore')}: certificate renewBefore ${String(spec.renewBefore)} must be greater than 5m0s`,
      );
    if (renewBefore >= duration)
      emit(
        c,
        'certificate-duration',
        'error',
        `${at('renewBefore')}: certificate duration ${String(spec.duration ?? '2160h')} must be greater than renewBefore ${String(spec.renewBefore)}`,
      );
  }
  if (spec.renewBefore !== undefined && spec.renewBeforePercentage !== undefined)
    emit(
      c,
      'certificate-duration',
      'error',
      `${at('renewBeforePercentage')}: renewBefore and renewBeforePercentage are mutually exclusive`,
    );
}

// The namespace cert-manager reads ClusterIssuer secrets from: --cluster-resource-namespace,
// which the chart sets from `clusterResourceNamespace`, else the release namespace
// (cert-manager deploy/charts/cert-manager templates/deployment.yaml).
function clusterResourceNamespace(ix: EnvIndex): string {
  for (const app of ix.of('argoproj.io/Application')) {
    const source = rec(rec(app.object.spec).source);
    if (source.chart !== 'cert-manager') continue;
    const configured = rec(rec(source.helm).valuesObject).clusterResourceNamespace;
    return typeof configured === 'string' && configured !== ''
      ? configured
      : String(rec(rec(app.object.spec).destination).namespace ?? 'cert-manager');
  }
  return 'cert-manager';
}

function secretProduced(ix: EnvIndex, ns: string, name: string): boolean {
  return (
    ix.get('/Secret', name, ns) !== undefined ||
    ix.of('cert-manager.io/Certificate').some((c) => nsOf(c) === ns && rec(c.object.spec).secretName === name) ||
    ix
      .of('external-secrets.io/ExternalSecret')
      .some((e) => nsOf(e) === ns && String(rec(rec(e.object.spec).target).name ?? e.object.metadata.name) === name)
  );
}

/** Runs the cert-manager rules on one environment. */
export function checkCertManager(ix: EnvIndex, emit: Emit): void {
  // cert-manager pkg/controller/certificaterequests (issuer lookup): a Certificate whose
  // issuerRef resolves to nothing stays not Ready ("Referenced issuer does not exist")
  for (const c of ix.of('cert-manager.io/Certificate')) {
    const ref = rec(rec(c.object.spec).issuerRef);
    const group = String(ref.group ?? 'cert-manager.io');
    const kind = String(ref.kind ?? 'Issuer');
    if (group === 'cert-manager.io') {
      const found =
        kind === 'ClusterIssuer'
          ? ix.get('cert-manager.io/ClusterIssuer', String(ref.name))
          : ix.get('cert-manager.io/Issuer', String(ref.name), nsOf(c));
      if (!found)
        emit(
          c,
          'certificate-issuer',
          'error',
          `${c.file}: spec.issuerRef: ${kind} ${kind === 'ClusterIssuer' ? '' : `${nsOf(c)}/`}${String(ref.name)} is not rendered: the certificate is never issued`,
        );
    }
    durations(c, emit);
  }
  // cert-manager pkg/issuer/ca (Setup): the CA issuer reads spec.ca.secretName from its own
  // namespace, or for a ClusterIssuer from the cluster resource namespace
  const crn = clusterResourceNamespace(ix);
  for (const issuer of [...ix.of('cert-manager.io/ClusterIssuer'), ...ix.of('cert-manager.io/Issuer')]) {
    const secret = rec(rec(issuer.object.spec).ca).secretName;
    if (typeof secret !== 'string') continue;
    const ns = issuer.object.kind === 'ClusterIssuer' ? crn : nsOf(issuer);
    if (!secretProduced(ix, ns, secret))
      emit(
        issuer,
        'issuer-ca-secret',
        'error',
        `${issuer.file}: spec.ca.secretName: Secret ${ns}/${secret} is not produced by any rendered Secret, Certificate or ExternalSecret: the issuer never becomes Ready`,
      );
  }
}
