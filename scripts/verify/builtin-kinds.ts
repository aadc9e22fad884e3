/**
 * Kinds every Kubernetes 1.28+ API server serves without a CRD, by API group ('' is core).
 * Argo CD can dry-run these in any sync wave.
 */
export const BUILTIN_KINDS: Readonly<Record<string, readonly string[]>> = {
  '': [
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Namespace',
    'Node',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
  ],
  apps: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  batch: ['CronJob', 'Job'],
  autoscaling: ['HorizontalPodAutoscaler'],
  policy: ['PodDisruptionBudget'],
  'networking.k8s.io': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'storage.k8s.io': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
  'scheduling.k8s.io': ['PriorityClass'],
  'node.k8s.io': ['RuntimeClass'],
  'coordination.k8s.io': ['Lease'],
  'discovery.k8s.io': ['EndpointSlice'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
  ],
  'certificates.k8s.io': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
};

/** Kinds that are cluster-scoped among the built-ins (the rest are namespaced). */
export const CLUSTER_SCOPED_BUILTINS: ReadonlySet<string> = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

/** CRD API groups each add-on Helm chart installs. */
export const CHART_CRD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'external-secrets': ['external-secrets.io', 'generators.external-secrets.io'],
  'kube-prometheus-stack': ['monitoring.coreos.com'],
  'cert-manager': ['cert-manager.io', 'acme.cert-manager.io'],
  karpenter: ['karpenter.sh', 'karpenter.k8s.aws'],
  gatekeeper: [
    'templates.gatekeeper.sh',
    'expansion.gatekeeper.sh',
    'config.gatekeeper.sh',
    'mutations.gatekeeper.sh',
    'status.gatekeeper.sh',
  ],
  'argocd-image-updater': ['argocd-image-updater.argoproj.io'],
  'argo-cd': ['argoproj.io'],
  keda: ['keda.sh'],
  // eks-charts stable/aws-load-balancer-controller/crds/crds.yaml: TargetGroupBinding, IngressClassParams.
  'aws-load-balancer-controller': ['elbv2.k8s.aws'],
};

/**
 * CRD groups that exist before the root Application's first sync: the README's bootstrap installs
 * the argo-cd chart with Helm (its templates/crds: Application, AppProject, ApplicationSet).
 */
export const BOOTSTRAP_CRD_GROUPS: readonly string[] = CHART_CRD_GROUPS['argo-cd'] ?? [];

/** True for a built-in group/kind. */
export function isBuiltin(group: string, kind: string): boolean {
  return BUILTIN_KINDS[group]?.includes(kind) ?? false;
}
