/**
 * The pod template of a {@link Microservice}: restricted security context, probes, resources,
 * placement and spread. Every field that Kubernetes would otherwise default in a way that matters
 * for security or availability is set explicitly.
 */
import { k8s } from 'cdk8s-plus-28';
import { selectorLabels } from '../labels.ts';
import { mtlsPodParts } from './mtls.ts';
import type { MicroserviceProps } from './props.ts';

/** UID/GID the containers run as: non-root, outside the range of image-defined system users. */
export const RUN_AS_ID = 10001;

/** Name of the Secret the service's ExternalSecret creates. */
export function secretName(props: Pick<MicroserviceProps, 'name'>): string {
  return props.name;
}

// Karpenter labels every node with its NodePool and capacity type (kubernetes-sigs/karpenter
// pkg/apis/v1/labels.go: NodePoolLabelKey, CapacityTypeLabelKey); a toleration per taint of the pool
// lets the pods land there.
function placement(props: MicroserviceProps): Pick<k8s.PodSpec, 'nodeSelector' | 'tolerations'> {
  if (props.singleNode) return {};
  const { nodePool, capacityType, taints } = props.scheduling;
  return {
    nodeSelector: { 'karpenter.sh/nodepool': nodePool, 'karpenter.sh/capacity-type': capacityType },
    ...(taints.length > 0 ? { tolerations: taints.map((t) => ({ key: t.key, operator: 'Exists', effect: t.effect })) } : {}),
  };
}

function httpProbe(path: string, port: string, timing: Omit<k8s.Probe, 'httpGet'>): k8s.Probe {
  return { httpGet: { path, port: k8s.IntOrString.fromString(port), scheme: 'HTTP' }, timeoutSeconds: 2, ...timing };
}

/** The pod spec of the service. */
export function podSpec(props: MicroserviceProps): k8s.PodSpec {
  const probePort = props.port === undefined ? 'metrics' : 'http';
  const gpus = props.gpus ?? 0;
  const quantities = (r: { cpu: string; memory: string }): Record<string, k8s.Quantity> => ({
    cpu: k8s.Quantity.fromString(r.cpu),
    memory: k8s.Quantity.fromString(r.memory),
    ...(gpus > 0 ? { 'nvidia.com/gpu': k8s.Quantity.fromNumber(gpus) } : {}),
  });
  const tls = mtlsPodParts(props);
  const env: k8s.EnvVar[] = [
    ...[...Object.entries(props.env).map(([name, value]) => ({ name, value })), ...tls.env].sort((a, b) => a.name.localeCompare(b.name)),
    ...props.secrets.map((s) => ({ name: s.env, valueFrom: { secretKeyRef: { name: secretName(props), key: s.env, optional: false } } })),
  ];
  const ports: k8s.ContainerPort[] = [
    ...(props.port === undefined ? [] : [{ name: 'http', containerPort: props.port, protocol: 'TCP' }]),
    { name: 'metrics', containerPort: props.metricsPort, protocol: 'TCP' },
  ];
  const spread = (topologyKey: string, whenUnsatisfiable: string): k8s.TopologySpreadConstraint => ({
    topologyKey,
    maxSkew: 1,
    whenUnsatisfiable,
    labelSelector: { matchLabels: selectorLabels(props.name) },
    matchLabelKeys: ['pod-template-hash'],
  });
  return {
    serviceAccountName: props.name,
    priorityClassName: props.priorityClassName ?? 'business-standard',
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    terminationGracePeriodSeconds: 30,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: RUN_AS_ID,
      runAsGroup: RUN_AS_ID,
      fsGroup: RUN_AS_ID,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...placement(props),
    // A node without the zone label fails a DoNotSchedule zone constraint (kubernetes
    // pkg/scheduler/framework/plugins/podtopologyspread/filtering.go, Filter: missing required label),
    // and k3s nodes carry none: one node spreads nothing.
    ...(props.singleNode
      ? {}
      : {
          topologySpreadConstraints: [
            spread('topology.kubernetes.io/zone', 'DoNotSchedule'),
            spread('kubernetes.io/hostname', 'ScheduleAnyway'),
          ],
        }),
    containers: [
      {
        name: props.name,
        // No tag here: the app's kustomization `images:` block is the one place the tag lives.
        image: props.imageName,
        imagePullPolicy: 'IfNotPresent',
        ports,
        env,
        resources: { requests: quantities(props.resources.requests), limits: quantities(props.resources.limits) },
        readinessProbe: httpProbe(props.probes.readiness, probePort, { periodSeconds: 10, failureThreshold: 3 }),
        livenessProbe: httpProbe(props.probes.liveness, probePort, { periodSeconds: 20, failureThreshold: 3 }),
        ...(props.probes.startup
          ? { startupProbe: httpProbe(props.probes.startup, probePort, { periodSeconds: 5, failureThreshold: 30 }) }
          : {}),
        securityContext: {
          runAsNonRoot: true,
          runAsUser: RUN_AS_ID,
          runAsGroup: RUN_AS_ID,
          privileged: false,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...tls.mounts],
      },
    ],
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('256Mi') } }, ...tls.volumes],
  };
}
