/**
 * The public ACME issuer (Let's Encrypt production) answering DNS-01 challenges in Route53 for the
 * environment's domain. cert-manager authenticates with its IRSA role (ambient credentials).
 */
import { Construct } from 'constructs';
import { ClusterIssuer } from '../../imports/cert-manager.io.ts';

/** Let's Encrypt's production ACME directory. */
export const LETS_ENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';

/** Props of {@link AcmeClusterIssuer}. */
export interface AcmeClusterIssuerProps {
  /** Domain whose names the issuer may sign (DNS-01 zone). */
  readonly domain: string;
  /** AWS region of the Route53 API calls. */
  readonly region: string;
  /** ACME account e-mail (expiry notices). */
  readonly email: string;
  /** Issuer name. @default 'letsencrypt-prod' */
  readonly name?: string;
  /** ACME directory. @default LETS_ENCRYPT_PRODUCTION */
  readonly server?: string;
}

/** ClusterIssuer for public certificates. */
export class AcmeClusterIssuer extends Construct {
  /** The issuer (construct id `Resource`). */
  public readonly issuer: ClusterIssuer;

  public constructor(scope: Construct, id: string, props: AcmeClusterIssuerProps) {
    super(scope, id);
    const name = props.name ?? 'letsencrypt-prod';
    this.issuer = new ClusterIssuer(this, 'Resource', {
      metadata: { name },
      spec: {
        acme: {
          server: props.server ?? LETS_ENCRYPT_PRODUCTION,
          email: props.email,
          privateKeySecretRef: { name: `${name}-account-key` },
          solvers: [{ selector: { dnsZones: [props.domain] }, dns01: { route53: { region: props.region } } }],
        },
      },
    });
  }
}
