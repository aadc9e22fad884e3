/**
 * A namespace's Pod Security policy from its labels, as k8s.io/pod-security-admission
 * api/helpers.go PolicyToEvaluate resolves it: enforce/audit/warn level and version, defaults for
 * absent labels, and the errors that make the admission plugin refuse the Namespace itself.
 */

/** Pod Security levels, least strict first. */
export const LEVELS = ['privileged', 'baseline', 'restricted'] as const;
/** A Pod Security level. */
export type Level = (typeof LEVELS)[number];
/** A policy version: `latest` is newer than every version. */
export type PolicyVersion = { readonly latest: true } | { readonly latest: false; readonly minor: number };
/** One mode's level and version. */
export interface LevelVersion {
  readonly level: Level;
  readonly version: PolicyVersion;
}
/** The three modes. */
export interface NamespacePolicy {
  readonly enforce: LevelVersion;
  readonly audit: LevelVersion;
  readonly warn: LevelVersion;
}

const PREFIX = 'pod-security.kubernetes.io/';
// api/helpers.go versionRegexp
const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;
/** The latest version. */
export const LATEST: PolicyVersion = { latest: true };
/**
 * The cluster default when a namespace has no labels: EKS runs the PodSecurity plugin with its
 * built-in defaults, privileged:latest for every mode (pod-security-admission
 * admission/api/v1 SetDefaults_PodSecurityDefaults).
 */
export const CLUSTER_DEFAULT: NamespacePolicy = {
  enforce: { level: 'privileged', version: LATEST },
  audit: { level: 'privileged', version: LATEST },
  warn: { level: 'privileged', version: LATEST },
};

/** `v1.N` or `latest` for messages. */
export function versionString(v: PolicyVersion): string {
  return v.latest ? 'latest' : `v1.${v.minor}`;
}

// api/helpers.go PolicyToEvaluate: a malformed enforce level means restricted, a malformed
// version latest; malformed audit/warn levels fail open to privileged. Each is an error that
// the plugin's namespace validation (admission.go ValidateNamespace) refuses.
/** The policy of a namespace with `labels`, and the label errors. */
export function policyOf(
  labels: Readonly<Record<string, string>>,
  defaults: NamespacePolicy = CLUSTER_DEFAULT,
): { policy: NamespacePolicy; errors: string[] } {
  const errors: string[] = [];
  const mode = (name: 'enforce' | 'audit' | 'warn'): LevelVersion => {
    let { level, version } = defaults[name];
    const l = labels[`${PREFIX}${name}`];
    if (l !== undefined) {
      if ((LEVELS as readonly string[]).includes(l)) level = l as Level;
      else {
        errors.push(`metadata.labels[${PREFIX}${name}]: "${l}" must be one of ${LEVELS.join(', ')}`);
        level = name === 'enforce' ? 'restricted' : 'privileged';
      }
    }
    const v = labels[`${PREFIX}${name}-version`];
    if (v !== undefined) {
      const m = VERSION.exec(v);
      if (v === 'latest') version = LATEST;
      else if (m) version = { latest: false, minor: Number(m[1]) };
      else {
        errors.push(`metadata.labels[${PREFIX}${name}-version]: "${v}" must be "latest" or "v1.x"`);
        version = LATEST;
      }
    }
    return { level, version };
  };
  if (Object.keys(labels).length === 0) return { policy: defaults, errors };
  return { policy: { enforce: mode('enforce'), audit: mode('audit'), warn: mode('warn') }, errors };
}
