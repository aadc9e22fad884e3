/** Worker node checks (launch templates of node groups). */
import { block, blocks, finding, resources, type Check } from './plan.ts';

export const nodeChecks: Check[] = [
  {
    id: 'CKV_AWS_79',
    description: 'Launch templates require IMDSv2 (http_tokens = required)',
    evaluate: (plan) =>
      resources(plan, 'aws_launch_template').flatMap((t) =>
        block(t.values.metadata_options)?.http_tokens === 'required' ? [] : [finding('CKV_AWS_79', t.address, 'metadata_options.http_tokens must be "required" (IMDSv1 off)')],
      ),
  },
  {
    id: 'CKV_AWS_341',
    description: 'Launch templates limit the metadata hop count to 1',
    evaluate: (plan) =>
      resources(plan, 'aws_launch_template').flatMap((t) =>
        block(t.values.metadata_options)?.http_put_response_hop_limit === 1
          ? []
          : [finding('CKV_AWS_341', t.address, 'metadata_options.http_put_response_hop_limit must be 1')],
      ),
  },
  {
    id: 'CKV_AWS_8',
    description: 'Launch template EBS volumes are encrypted gp3',
    evaluate: (plan) =>
      resources(plan, 'aws_launch_template').flatMap((t) =>
        blocks(t.values.block_device_mappings).flatMap((b) =>
          blocks(b.ebs).flatMap((e) =>
            e.encrypted === 'true' && e.volume_type === 'gp3' ? [] : [finding('CKV_AWS_8', t.address, `EBS volume ${String(b.device_name)} must be encrypted gp3`)],
          ),
        ),
      ),
  },
];
