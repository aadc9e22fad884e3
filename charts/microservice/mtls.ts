/**
 * Service-to-service mTLS of a {@link Microservice}: the cert-manager Certificate its pods present
 * as server and client, mounted read-only with environment variables naming the files.
 */
import type { k8s } from 'cdk8s-plus-28';
import type { MicroserviceProps } from './props.ts';

/** Where the certificate, key and CA bundle are mounted. */
export const TLS_MOUNT_PATH = '/etc/fintrack/tls';

/** Environment variables pointing the application at the mounted files. */
export const TLS_ENV_NAMES = ['TLS_CA_FILE', 'TLS_CERT_FILE', 'TLS_KEY_FILE'] as const;

/** Name of the Secret cert-manager writes the service's certificate to. */
export function tlsSecretName(props: Pick<MicroserviceProps, 'name'>): string {
  return `${props.name}-tls`;
}

/** DNS names the certificate covers: the service's in-cluster names. */
export function tlsDnsNames(props: Pick<MicroserviceProps, 'name' | 'namespace'>): string[] {
  return [`${props.name}.${props.namespace}.svc`, `${props.name}.${props.namespace}.svc.cluster.local`];
}

/** The env vars, volume and mount of the certificate; empty when mTLS is off. */
export function mtlsPodParts(props: MicroserviceProps): { env: k8s.EnvVar[]; volumes: k8s.Volume[]; mounts: k8s.VolumeMount[] } {
  if (!props.mtls) return { env: [], volumes: [], mounts: [] };
  const file = (f: string): string => `${TLS_MOUNT_PATH}/${f}`;
  return {
    env: [
      { name: 'TLS_CA_FILE', value: file('ca.crt') },
      { name: 'TLS_CERT_FILE', value: file('tls.crt') },
      { name: 'TLS_KEY_FILE', value: file('tls.key') },
    ],
    // 0440 with the pod's fsGroup: readable by the non-root user, by nobody else.
    volumes: [{ name: 'tls', secret: { secretName: tlsSecretName(props), defaultMode: 0o440 } }],
    mounts: [{ name: 'tls', mountPath: TLS_MOUNT_PATH, readOnly: true }],
  };
}
