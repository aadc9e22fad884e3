/**
 * Props of the {@link Microservice} construct: one service in one environment, already resolved
 * from the catalog (environment defaults and overrides applied).
 */

/** A pod that may call this service, or that this service calls. */
export interface ServicePeer {
  /** Service name (and `app.kubernetes.io/name` of its pods). */
  readonly name: string;
  /** Namespace of the peer. */
  readonly namespace: string;
  /** Container port of the peer; set for callees. */
  readonly port?: number;
}

/** An IP egress rule: CIDR blocks and TCP ports. */
export interface CidrEgress {
  /** Why the rule exists; becomes part of the review diff, not the object. */
  readonly target: string;
  /** Destination CIDR blocks. */
  readonly cidrs: readonly string[];
  /** CIDRs carved out of `cidrs`. @default [] */
  readonly except?: readonly string[];
  /** Destination TCP ports. */
  readonly ports: readonly number[];
}

/** Pods of another namespace selected by labels (in-cluster data stores, the ingress controller). */
export interface PodPeer {
  /** Why the rule exists (`postgres`, `traefik`); not rendered. */
  readonly target: string;
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Labels the pods carry. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** TCP ports: the pods' container ports (egress) or this service's (ingress, where it is ignored). */
  readonly ports: readonly number[];
}

/** A Secrets Manager value exposed as an environment variable. */
export interface SecretEnv {
  /** Environment variable name. */
  readonly env: string;
  /** Full Secrets Manager key, e.g. `fintrack/prod/rds`. */
  readonly key: string;
  /** JSON property within the secret. */
  readonly property: string;
}

/** Scaling on an SQS queue's depth (KEDA `aws-sqs-queue` trigger). */
export interface QueueScaling {
  /** Queue URL, `https://sqs.<region>.amazonaws.com/<account>/<name>`. */
  readonly url: string;
  /** Region of the queue. */
  readonly region: string;
  /** Target messages per replica (the trigger's `queueLength`). */
  readonly messagesPerReplica: number;
}

/** Autoscaling between `replicas` and `maxReplicas`. */
export interface AutoscalingProps {
  /** Upper replica bound. */
  readonly maxReplicas: number;
  /** Target average CPU utilisation, percent of requests. */
  readonly cpuUtilization: number;
  /** Also scale on queue depth: a KEDA ScaledObject replaces the HPA. @default - CPU only (an HPA) */
  readonly queue?: QueueScaling;
}

/** The service's mTLS certificate. */
export interface MtlsSettings {
  /** ClusterIssuer signing the certificate (the internal CA). */
  readonly issuer: string;
  /** Certificate lifetime. @default '720h' */
  readonly duration?: string;
  /** Renew this long before expiry. @default '240h' */
  readonly renewBefore?: string;
}

/** Props of {@link Microservice}. */
export interface MicroserviceProps {
  /** Service name; also the name of every object it renders. */
  readonly name: string;
  /** Namespace the service runs in. */
  readonly namespace: string;
  /** Owning team (label `fintrack.io/team`). */
  readonly team: string;
  /** Environment name, used in error messages. */
  readonly environment: string;
  /** Workload class: `api`, `worker` or `ml-gpu` (label `app.kubernetes.io/component`). */
  readonly workloadClass: 'api' | 'worker' | 'ml-gpu';
  /** Image registry host, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com`. */
  readonly registry: string;
  /** Image name without tag (`<registry>/<repository>`), as the Deployment and kustomize's `images:` name it. */
  readonly imageName: string;
  /** Tag a new service starts from (its kustomization `images:` entry holds the deployed tag). */
  readonly initialTag: string;
  /** Tags the service may run (regular expression). */
  readonly allowTags: string;
  /** Tags the service must not run. */
  readonly ignoreTags: readonly string[];
  /** Catalog file declaring the service (named in tag-policy errors). */
  readonly catalogFile: string;
  /** HTTP port of the container. @default - none: the service takes no calls (workers) */
  readonly port?: number;
  /** Port serving Prometheus metrics. */
  readonly metricsPort: number;
  /** Path serving Prometheus metrics. */
  readonly metricsPath: string;
  /** Probe paths, served on `port` (or `metricsPort` when there is none). */
  readonly probes: { readonly readiness: string; readonly liveness: string; readonly startup?: string };
  /** Replica count, or the HPA minimum when `autoscaling` is set. */
  readonly replicas: number;
  /** Autoscaling; when set the HPA (or KEDA's) owns `spec.replicas`. @default - fixed replica count */
  readonly autoscaling?: AutoscalingProps;
  /** PodDisruptionBudget: exactly one of the two. */
  readonly disruption: { readonly minAvailable: number } | { readonly maxUnavailable: number };
  /** Container requests and limits. */
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string };
  };
  /** GPUs (`nvidia.com/gpu`) per pod. @default 0 */
  readonly gpus?: number;
  /** Where the pods run: the Karpenter NodePool and capacity type they select, and the taints of its nodes they tolerate. */
  readonly scheduling: {
    readonly nodePool: string;
    readonly capacityType: 'spot' | 'on-demand';
    readonly taints: readonly { readonly key: string; readonly effect: 'NoSchedule' }[];
  };
  /** Zones the pods spread across (topology key `topology.kubernetes.io/zone`). */
  readonly zones: readonly string[];
  /** Plain environment variables. */
  readonly env: Readonly<Record<string, string>>;
  /** Secrets Manager values, synced by an ExternalSecret into a Secret named after the service. */
  readonly secrets: readonly SecretEnv[];
  /** Name of the ClusterSecretStore that reads Secrets Manager. @default 'aws-secrets-manager' */
  readonly secretStore?: string;
  /** IAM role the ServiceAccount assumes (IRSA). @default - no role annotation (a platform without cloud IAM) */
  readonly roleArn?: string;
  /** Services allowed to call this one. */
  readonly callers: readonly ServicePeer[];
  /** Services this one calls (their port is required). */
  readonly callees: readonly ServicePeer[];
  /** Accept calls from the load balancer (ALB, IP targets) inside these CIDRs. @default - not public */
  readonly publicIngressCidrs?: readonly string[];
  /** Egress to IP ranges: data stores, AWS endpoints, the internet. */
  readonly cidrEgress: readonly CidrEgress[];
  /** Accept calls from the ingress controller's pods (k3s' Traefik) instead of load balancer CIDRs. @default - none */
  readonly publicIngressPods?: PodPeer;
  /** Egress to pods selected by labels (in-cluster PostgreSQL and Redis). @default [] */
  readonly podEgress?: readonly PodPeer[];
  /**
   * One node without Karpenter or zones: no pool nodeSelectors, tolerations or zone spread (a node
   * without the zone label fails a `DoNotSchedule` zone constraint). @default false
   */
  readonly singleNode?: boolean;
  /** PriorityClass of the pods (must exist in the cluster: cluster-config renders them). @default 'business-standard' */
  readonly priorityClassName?: string;
  /** Service-to-service mTLS: a Certificate from this ClusterIssuer, mounted into the pods. @default - no mTLS */
  readonly mtls?: MtlsSettings;
  /** Namespace of the Prometheus that scrapes the service. @default 'monitoring' */
  readonly monitoringNamespace?: string;
}
