/**
 * The private CA for service-to-service mTLS: a self-signed bootstrap ClusterIssuer signs the CA
 * Certificate (kept in the cert-manager namespace, where ClusterIssuers read their secrets), and
 * the CA ClusterIssuer signs every service certificate with it.
 */
import { Construct } from 'constructs';
import {
  Certificate,
  CertificateSpecPrivateKeyAlgorithm,
  CertificateSpecPrivateKeyRotationPolicy,
  CertificateSpecUsages,
  ClusterIssuer,
} from '../../imports/cert-manager.io.ts';

/** Name of the CA ClusterIssuer service certificates reference. */
export const INTERNAL_CA_ISSUER = 'fintrack-internal-ca';

/** Props of {@link InternalCa}. */
export interface InternalCaProps {
  /** Environment, part of the CA's common name. */
  readonly environment: string;
  /** Namespace of cert-manager (its cluster resource namespace). @default 'cert-manager' */
  readonly namespace?: string;
  /** Lifetime of the CA certificate. @default '17520h' (two years) */
  readonly duration?: string;
  /** Renew the CA this long before it expires. @default '2160h' (90 days) */
  readonly renewBefore?: string;
}

/** Self-signed root issuer, CA Certificate and CA ClusterIssuer. */
export class InternalCa extends Construct {
  /** The CA ClusterIssuer (construct id `Resource`). */
  public readonly issuer: ClusterIssuer;

  public constructor(scope: Construct, id: string, props: InternalCaProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'cert-manager';
    const root = new ClusterIssuer(this, 'Bootstrap', { metadata: { name: 'fintrack-selfsigned-root' }, spec: { selfSigned: {} } });
    new Certificate(this, 'Certificate', {
      metadata: { name: INTERNAL_CA_ISSUER, namespace },
      spec: {
        isCa: true,
        commonName: `FinTrack internal CA (${props.environment})`,
        secretName: INTERNAL_CA_ISSUER,
        duration: props.duration ?? '17520h',
        renewBefore: props.renewBefore ?? '2160h',
        privateKey: {
          algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA,
          size: 384,
          rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
        },
        usages: [CertificateSpecUsages.CERT_SIGN, CertificateSpecUsages.DIGITAL_SIGNATURE],
        issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: root.name },
      },
    });
    this.issuer = new ClusterIssuer(this, 'Resource', {
      metadata: { name: INTERNAL_CA_ISSUER },
      spec: { ca: { secretName: INTERNAL_CA_ISSUER } },
    });
  }
}
