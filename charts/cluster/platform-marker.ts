/**
 * The platform marker: a ConfigMap saying which platform the environment's cluster is and what that
 * platform provides outside dist/ (k3s' `local-path` StorageClass, its Traefik IngressClass and
 * pods). `npm run verify` reads only dist/, so this object is how it learns which checks apply and
 * which classes and peers exist without being rendered (scripts/verify/platform.ts reads it by the
 * same name). Cloud environments render none: no marker means EKS.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Name and namespace of the marker (scripts/verify/platform.ts `PLATFORM_MARKER`). */
export const PLATFORM_MARKER = { name: 'fintrack-platform', namespace: 'kube-system' } as const;

/** Props of {@link PlatformMarker}. */
export interface PlatformMarkerProps {
  /** The platform (`k3s`). */
  readonly platform: string;
  /** StorageClasses the platform creates itself. @default [] */
  readonly storageClasses?: readonly string[];
  /** IngressClasses the platform creates itself. @default [] */
  readonly ingressClasses?: readonly string[];
  /** Pods the platform runs that NetworkPolicies may name: namespace and labels. @default [] */
  readonly systemPeers?: readonly { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> }[];
}

/** The marker ConfigMap. */
export class PlatformMarker extends Construct {
  public constructor(scope: Construct, id: string, props: PlatformMarkerProps) {
    super(scope, id);
    const peers = (props.systemPeers ?? []).map(
      (p) =>
        `${p.namespace}/${Object.entries(p.podLabels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`,
    );
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { ...PLATFORM_MARKER, labels: { 'app.kubernetes.io/part-of': 'fintrack' } },
      data: {
        platform: props.platform,
        storageClasses: (props.storageClasses ?? []).join(' '),
        ingressClasses: (props.ingressClasses ?? []).join(' '),
        systemPeers: peers.join(' '),
      },
    });
  }
}
