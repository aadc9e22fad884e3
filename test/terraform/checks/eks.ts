/** EKS control plane checks. */
import { block, finding, resources, unknownAt, type Check } from './plan.ts';

const clusters = (plan: Parameters<Check['evaluate']>[0]) => resources(plan, 'aws_eks_cluster');

export const eksChecks: Check[] = [
  {
    id: 'CKV_AWS_58',
    description: 'EKS secrets are envelope-encrypted with a KMS key',
    evaluate: (plan) =>
      clusters(plan).flatMap((c) => {
        const enc = block(c.values.encryption_config);
        const resourcesList = (enc?.resources as string[] | undefined) ?? [];
        const hasKey = typeof block(enc?.provider)?.key_arn === 'string' || unknownAt(c, 'encryption_config', 0, 'provider', 0, 'key_arn');
        return resourcesList.includes('secrets') && hasKey ? [] : [finding('CKV_AWS_58', c.address, 'encryption_config must encrypt "secrets" with a KMS key')];
      }),
  },
  {
    id: 'CKV_AWS_39',
    description: 'EKS public endpoint is disabled unless an explicit CIDR allow-list is set',
    evaluate: (plan) =>
      clusters(plan).flatMap((c) => {
        const vpc = block(c.values.vpc_config) ?? {};
        const cidrs = (vpc.public_access_cidrs as string[] | null | undefined) ?? [];
        return vpc.endpoint_public_access === true && cidrs.length === 0
          ? [finding('CKV_AWS_39', c.address, 'endpoint_public_access is true without public_access_cidrs')]
          : [];
      }),
  },
  {
    id: 'CKV_AWS_38',
    description: 'EKS public endpoint is not open to 0.0.0.0/0',
    evaluate: (plan) =>
      clusters(plan).flatMap((c) => {
        const vpc = block(c.values.vpc_config) ?? {};
        const cidrs = (vpc.public_access_cidrs as string[] | null | undefined) ?? [];
        return vpc.endpoint_public_access === true && cidrs.includes('0.0.0.0/0')
          ? [finding('CKV_AWS_38', c.address, 'public_access_cidrs contains 0.0.0.0/0')]
          : [];
      }),
  },
  {
    id: 'CKV_AWS_37',
    description: 'EKS control-plane logging enables api, audit, authenticator, controllerManager, scheduler',
    evaluate: (plan) =>
      clusters(plan).flatMap((c) => {
        const types = (c.values.enabled_cluster_log_types as string[] | undefined) ?? [];
        const missing = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].filter((t) => !types.includes(t));
        return missing.length ? [finding('CKV_AWS_37', c.address, `enabled_cluster_log_types is missing ${missing.join(', ')}`)] : [];
      }),
  },
  {
    id: 'FT_EKS_PRIVATE_ENDPOINT',
    description: 'EKS private endpoint access is enabled',
    evaluate: (plan) =>
      clusters(plan).flatMap((c) =>
        block(c.values.vpc_config)?.endpoint_private_access === true ? [] : [finding('FT_EKS_PRIVATE_ENDPOINT', c.address, 'endpoint_private_access must be true')],
      ),
  },
  {
    id: 'FT_EKS_ACCESS_ENTRIES',
    description: 'EKS uses access entries only (authentication_mode API) and no implicit cluster-creator admin',
    evaluate: (plan) =>
      clusters(plan).flatMap((c) => {
        const a = block(c.values.access_config) ?? {};
        return a.authentication_mode === 'API' && a.bootstrap_cluster_creator_admin_permissions === false
          ? []
          : [finding('FT_EKS_ACCESS_ENTRIES', c.address, 'access_config must set authentication_mode = "API" and bootstrap_cluster_creator_admin_permissions = false')];
      }),
  },
  {
    id: 'FT_EKS_ADDONS',
    description: 'vpc-cni, coredns, kube-proxy, eks-pod-identity-agent and aws-ebs-csi-driver are managed by aws_eks_addon',
    evaluate: (plan) => {
      if (clusters(plan).length === 0) return [];
      const names = resources(plan, 'aws_eks_addon').map((a) => a.values.addon_name as string);
      const missing = ['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver'].filter((n) => !names.includes(n));
      return missing.length ? [finding('FT_EKS_ADDONS', 'aws_eks_addon', `missing managed add-ons: ${missing.join(', ')}`)] : [];
    },
  },
];
