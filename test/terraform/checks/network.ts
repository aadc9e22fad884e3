/** VPC and security group checks. */
import { blocks, finding, logsVpc, resources, type Check } from './plan.ts';

const world = ['0.0.0.0/0', '::/0'];

export const networkChecks: Check[] = [
  {
    id: 'CKV_AWS_23',
    description: 'Every security group and security group rule has a description',
    evaluate: (plan) => [
      ...resources(plan, 'aws_security_group').flatMap((sg) => [
        ...(typeof sg.values.description === 'string' && sg.values.description !== 'Managed by Terraform' ? [] : [finding('CKV_AWS_23', sg.address, 'security group needs a description')]),
        ...[...blocks(sg.values.ingress), ...blocks(sg.values.egress)].filter((r) => !r.description).map(() => finding('CKV_AWS_23', sg.address, 'inline rule needs a description')),
      ]),
      ...resources(plan, 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule')
        .filter((r) => !r.values.description)
        .map((r) => finding('CKV_AWS_23', r.address, 'rule needs a description')),
    ],
  },
  {
    id: 'CKV_AWS_260',
    description: 'No security group ingress from 0.0.0.0/0 or ::/0 (covers CKV_AWS_24/25 for 22/3389)',
    evaluate: (plan) => [
      ...resources(plan, 'aws_vpc_security_group_ingress_rule')
        .filter((r) => world.includes(String(r.values.cidr_ipv4)) || world.includes(String(r.values.cidr_ipv6)))
        .map((r) => finding('CKV_AWS_260', r.address, 'ingress from the whole internet')),
      ...resources(plan, 'aws_security_group_rule')
        .filter((r) => r.values.type === 'ingress' && [...((r.values.cidr_blocks as string[]) ?? []), ...((r.values.ipv6_cidr_blocks as string[]) ?? [])].some((c) => world.includes(c)))
        .map((r) => finding('CKV_AWS_260', r.address, 'ingress from the whole internet')),
      ...resources(plan, 'aws_security_group', 'aws_default_security_group').flatMap((sg) =>
        blocks(sg.values.ingress)
          .filter((i) => [...((i.cidr_blocks as string[]) ?? []), ...((i.ipv6_cidr_blocks as string[]) ?? [])].some((c) => world.includes(c)))
          .map(() => finding('CKV_AWS_260', sg.address, 'inline ingress from the whole internet')),
      ),
    ],
  },
  {
    id: 'CKV2_AWS_12',
    description: 'The default security group of every VPC allows no traffic',
    evaluate: (plan) => {
      const vpcs = resources(plan, 'aws_vpc');
      const defaults = resources(plan, 'aws_default_security_group');
      return vpcs.flatMap((v) => {
        const d = defaults.find((x) => x.moduleAddress === v.moduleAddress);
        if (!d) return [finding('CKV2_AWS_12', v.address, 'default security group is not managed (it allows all intra-group traffic)')];
        return blocks(d.values.ingress).length || blocks(d.values.egress).length || d.unknown.ingress === true ? [finding('CKV2_AWS_12', d.address, 'default security group must have no rules')] : [];
      });
    },
  },
  {
    id: 'CKV2_AWS_11',
    description: 'Every VPC has flow logs (ALL traffic)',
    evaluate: (plan) => {
      const logs = resources(plan, 'aws_flow_log');
      return resources(plan, 'aws_vpc').flatMap((v) =>
        logs.some((l) => logsVpc(l, v) && l.values.traffic_type === 'ALL') ? [] : [finding('CKV2_AWS_11', v.address, 'no flow log capturing ALL traffic')],
      );
    },
  },
  {
    id: 'FT_ISOLATED_SUBNETS',
    description: 'Data-tier route tables have no route to the internet',
    evaluate: (plan) => {
      const routes = resources(plan, 'aws_route');
      return resources(plan, 'aws_route_table')
        .filter((t) => /isolated/.test(String((t.values.tags as Record<string, string> | undefined)?.Name ?? '')))
        .flatMap((t) => [
          ...blocks(t.values.route).filter((r) => r.cidr_block === '0.0.0.0/0').map(() => finding('FT_ISOLATED_SUBNETS', t.address, 'isolated route table has a default route')),
          ...routes.filter((r) => r.moduleAddress === t.moduleAddress && r.name.includes('isolated')).map((r) => finding('FT_ISOLATED_SUBNETS', r.address, 'route added to the isolated route table')),
        ]);
    },
  },
];
