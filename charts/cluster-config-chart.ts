/**
 * `dist/<env>/cluster-config/`: what the cluster needs before any service syncs — team namespaces
 * with quotas and default-deny, the Secrets Manager store, certificate issuers, Karpenter node
 * pools and classes, priority classes and the public API's Ingress.
 */
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { AcmeClusterIssuer } from './cluster/acme-cluster-issuer.ts';
import { AwsSecretStore } from './cluster/aws-secret-store.ts';
import { LocalSecretStore, type LocalSecretStoreProps } from './cluster/local-secret-store.ts';
import { PlatformMarker, type PlatformMarkerProps } from './cluster/platform-marker.ts';
import { TraefikIngress, type TraefikIngressProps } from './cluster/traefik-ingress.ts';
import { InternalCa } from './cluster/internal-ca.ts';
import { KarpenterNodeClass, type KarpenterNodeClassProps } from './cluster/karpenter-node-class.ts';
import { KarpenterNodePool, type KarpenterNodePoolProps } from './cluster/karpenter-node-pool.ts';
import { PriorityClasses } from './cluster/priority-classes.ts';
import { PublicApiIngress, type PublicApiIngressProps } from './cluster/public-api-ingress.ts';
import { TeamNamespace, type TeamNamespaceProps } from './cluster/team-namespace.ts';
import { InvalidPropsError } from './invalid-props-error.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** Props of {@link ClusterConfigChart}. */
export interface ClusterConfigChartProps {
  /** Environment of the app folder. */
  readonly env: EnvironmentName;
  /** AWS region (Secrets Manager, Route53). */
  readonly region: string;
  /** The environment's DNS domain. */
  readonly domain: string;
  /** ACME account e-mail. */
  readonly acmeEmail: string;
  /** One namespace per team. */
  readonly teams: readonly TeamNamespaceProps[];
  /** Karpenter EC2NodeClasses. */
  readonly nodeClasses: readonly KarpenterNodeClassProps[];
  /** Karpenter NodePools. */
  readonly nodePools: readonly KarpenterNodePoolProps[];
  /** The public API's Ingress. @default - none */
  readonly publicApi?: PublicApiIngressProps;
  /**
   * Secrets come from a namespace of the cluster (External Secrets' `kubernetes` provider) instead of
   * AWS Secrets Manager; no ACME issuer either (it solves DNS-01 through Route53). @default - AWS
   */
  readonly localSecrets?: LocalSecretStoreProps;
  /** The public API's Ingress through k3s' Traefik (instead of {@link publicApi}). @default - none */
  readonly traefikPublicApi?: TraefikIngressProps;
  /** What a non-EKS platform is and provides, for verify. @default - none (EKS) */
  readonly platformMarker?: PlatformMarkerProps;
}

/** The cluster-config app folder of one environment. */
export class ClusterConfigChart extends AppChart {
  public constructor(scope: Construct, props: ClusterConfigChartProps) {
    super(scope, { env: props.env, appName: 'cluster-config', syncWave: SYNC_WAVES.clusterConfig, project: 'platform' });
    for (const team of props.teams) new TeamNamespace(this, `Namespace-${team.name}`, team);
    if (props.localSecrets) new LocalSecretStore(this, 'LocalSecretStore', props.localSecrets);
    else {
      new AwsSecretStore(this, 'SecretStore', { region: props.region });
      new AcmeClusterIssuer(this, 'AcmeIssuer', { domain: props.domain, region: props.region, email: props.acmeEmail });
    }
    new InternalCa(this, 'InternalCa', { environment: props.env });
    new PriorityClasses(this, 'PriorityClasses');
    for (const nodeClass of props.nodeClasses) new KarpenterNodeClass(this, `NodeClass-${nodeClass.name}`, nodeClass);
    for (const pool of props.nodePools) {
      try {
        new KarpenterNodePool(this, `NodePool-${pool.name}`, pool);
      } catch (e) {
        // Name the field as the environment file spells it.
        if (e instanceof InvalidPropsError) throw new InvalidPropsError(`nodePools.${pool.name}.${e.field}`, e.message);
        throw e;
      }
    }
    if (props.publicApi) new PublicApiIngress(this, 'PublicApi', props.publicApi);
    if (props.platformMarker) new PlatformMarker(this, 'PlatformMarker', props.platformMarker);
    if (props.traefikPublicApi) new TraefikIngress(this, 'TraefikPublicApi', props.traefikPublicApi);
  }
}
