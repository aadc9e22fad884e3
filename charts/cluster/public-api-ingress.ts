/**
 * The public API's Ingress: an internet-facing ALB (AWS Load Balancer Controller) forwarding to the
 * service's pods directly (IP targets), HTTPS only with a TLS 1.2+ policy, the ACM certificate and
 * the WAF web ACL of the environment, and the host published by ExternalDNS.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** TLS 1.3 and 1.2 only (ELB security policy). */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Props of {@link PublicApiIngress}. */
export interface PublicApiIngressProps {
  /** Service receiving the traffic (and its namespace). */
  readonly service: { readonly name: string; readonly namespace: string; readonly port: number; readonly healthPath: string };
  /** Public host name, e.g. `api.fintrack.io`. */
  readonly host: string;
  /** ACM certificate ARN of the listener. */
  readonly certificateArn: string;
  /** WAFv2 web ACL ARN associated with the ALB. */
  readonly wafAclArn: string;
  /** Ingress name. @default 'public-api' */
  readonly name?: string;
}

/** ALB Ingress of the public API. */
export class PublicApiIngress extends Construct {
  /** The Ingress (construct id `Resource`). */
  public readonly ingress: k8s.KubeIngress;

  public constructor(scope: Construct, id: string, props: PublicApiIngressProps) {
    super(scope, id);
    const { service } = props;
    this.ingress = new k8s.KubeIngress(this, 'Resource', {
      metadata: {
        name: props.name ?? 'public-api',
        namespace: service.namespace,
        labels: { 'app.kubernetes.io/name': service.name, 'app.kubernetes.io/part-of': 'fintrack' },
        annotations: {
          'alb.ingress.kubernetes.io/scheme': 'internet-facing',
          'alb.ingress.kubernetes.io/target-type': 'ip',
          'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
          'alb.ingress.kubernetes.io/ssl-redirect': '443',
          'alb.ingress.kubernetes.io/ssl-policy': ALB_SSL_POLICY,
          'alb.ingress.kubernetes.io/certificate-arn': props.certificateArn,
          'alb.ingress.kubernetes.io/wafv2-acl-arn': props.wafAclArn,
          'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
          'alb.ingress.kubernetes.io/healthcheck-path': service.healthPath,
          'alb.ingress.kubernetes.io/load-balancer-attributes': 'routing.http.drop_invalid_header_fields.enabled=true',
          'external-dns.alpha.kubernetes.io/hostname': props.host,
        },
      },
      spec: {
        ingressClassName: 'alb',
        tls: [{ hosts: [props.host] }],
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
