/**
 * What the pods' NetworkPolicies rely on below Kubernetes: the VPC CNI enforces them, and every
 * AWS API a service's `aws-apis` egress rule (443 to the VPC CIDR) must reach has an interface
 * endpoint inside the VPC.
 */
import { block, blocks, finding, resources, type Check } from './plan.ts';

/**
 * AWS APIs pods call: STS (IRSA's AssumeRoleWithWebIdentity), Secrets Manager (External Secrets),
 * KMS, ECR (image pulls by the kubelet go through the node, but in-cluster tools list tags), SQS
 * (services and KEDA) and S3 (services; its gateway endpoint routes to public prefix-list IPs that
 * no ipBlock in dist/ names).
 */
export const POD_API_ENDPOINTS = ['sts', 'secretsmanager', 'kms', 'ecr.api', 'ecr.dkr', 'sqs', 's3'] as const;

export const podNetworkChecks: Check[] = [
  {
    id: 'FT_EKS_NETWORK_POLICY',
    description: 'The vpc-cni add-on enables the network policy agent (enableNetworkPolicy "true"), so NetworkPolicies are enforced',
    evaluate: (plan) =>
      resources(plan, 'aws_eks_addon')
        .filter((a) => a.values.addon_name === 'vpc-cni')
        .flatMap((a) => {
          let config: Record<string, unknown>;
          try {
            config = JSON.parse(String(a.values.configuration_values ?? '{}')) as Record<string, unknown>;
          } catch {
            config = {};
          }
          return config.enableNetworkPolicy === 'true'
            ? []
            : [finding('FT_EKS_NETWORK_POLICY', a.address, 'configuration_values must set enableNetworkPolicy = "true": without it NetworkPolicies are not enforced')];
        }),
  },
  {
    id: 'FT_VPC_POD_ENDPOINTS',
    description: 'Interface endpoints for every AWS API pods reach through the aws-apis egress rule, S3 answering for all resolvers',
    evaluate: (plan) => {
      if (resources(plan, 'aws_vpc').length === 0) return [];
      const interfaces = resources(plan, 'aws_vpc_endpoint').filter((e) => e.values.vpc_endpoint_type === 'Interface');
      const of = (svc: string) => interfaces.find((e) => String(e.values.service_name).endsWith(`.${svc}`));
      const missing = POD_API_ENDPOINTS.filter((svc) => !of(svc));
      const out = missing.map((svc) => finding('FT_VPC_POD_ENDPOINTS', 'aws_vpc_endpoint', `no interface endpoint for ${svc}: pods' 443-to-VPC-CIDR egress cannot reach it`));
      for (const e of interfaces.filter((x) => x.values.private_dns_enabled !== true))
        out.push(finding('FT_VPC_POD_ENDPOINTS', e.address, 'private_dns_enabled must be true: pods resolve the public service name'));
      const s3 = of('s3');
      if (s3 && blocks(s3.values.dns_options).length > 0 && block(s3.values.dns_options)?.private_dns_only_for_inbound_resolver_endpoint !== false)
        out.push(finding('FT_VPC_POD_ENDPOINTS', s3.address, 'dns_options.private_dns_only_for_inbound_resolver_endpoint must be false, or pods resolve S3 to the gateway endpoint\'s public IPs'));
      if (s3 && blocks(s3.values.dns_options).length === 0)
        out.push(finding('FT_VPC_POD_ENDPOINTS', s3.address, 'dns_options.private_dns_only_for_inbound_resolver_endpoint must be set to false for S3'));
      return out;
    },
  },
];
