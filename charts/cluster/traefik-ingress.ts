/**
 * The public API's Ingress on a single k3s node: served by Traefik, k3s' bundled ingress controller
 * (IngressClass `traefik`), plain HTTP on the node's port 80 for a host under `*.localhost`.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** IngressClass k3s' bundled Traefik registers. */
export const TRAEFIK_INGRESS_CLASS = 'traefik';

/**
 * Where Traefik's pods run and the labels they carry: k3s installs the traefik chart into
 * kube-system (k3s manifests/traefik.yaml), whose pods carry `app.kubernetes.io/name: traefik`
 * (traefik/traefik-helm-chart templates/_helpers.tpl, `traefik.labelselector`).
 */
export const TRAEFIK_PODS = { namespace: 'kube-system', podLabels: { 'app.kubernetes.io/name': 'traefik' } } as const;

/** Props of {@link TraefikIngress}. */
export interface TraefikIngressProps {
  /** Service receiving the traffic (and its namespace). */
  readonly service: { readonly name: string; readonly namespace: string; readonly port: number };
  /** Host name, e.g. `api.fintrack.localhost`. */
  readonly host: string;
  /** Ingress name. @default 'public-api' */
  readonly name?: string;
}

/** Traefik Ingress of the public API. */
export class TraefikIngress extends Construct {
  /** The Ingress (construct id `Resource`). */
  public readonly ingress: k8s.KubeIngress;

  public constructor(scope: Construct, id: string, props: TraefikIngressProps) {
    super(scope, id);
    const { service } = props;
    this.ingress = new k8s.KubeIngress(this, 'Resource', {
      metadata: {
        name: props.name ?? 'public-api',
        namespace: service.namespace,
        labels: { 'app.kubernetes.io/name': service.name, 'app.kubernetes.io/part-of': 'fintrack' },
      },
      spec: {
        ingressClassName: TRAEFIK_INGRESS_CLASS,
        rules: [
          {
            host: props.host,
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service.name, port: { number: service.port } } } }],
            },
          },
        ],
      },
    });
  }
}
