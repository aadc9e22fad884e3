/**
 * A Karpenter v1 EC2NodeClass: AL2023 nodes with the Terraform-created node role, subnets and
 * security groups found by the cluster's discovery tag, IMDSv2 only with a hop limit of 1 (pods
 * cannot reach the node's credentials) and an encrypted gp3 root volume.
 */
import { Construct } from 'constructs';
import {
  Ec2NodeClass,
  Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType,
  Ec2NodeClassSpecMetadataOptionsHttpEndpoint,
  Ec2NodeClassSpecMetadataOptionsHttpProtocolIPv6,
  Ec2NodeClassSpecMetadataOptionsHttpTokens,
} from '../../imports/karpenter.k8s.aws.ts';

/** Props of {@link KarpenterNodeClass}. */
export interface KarpenterNodeClassProps {
  /** EC2NodeClass name. */
  readonly name: string;
  /** EKS cluster name: the `karpenter.sh/discovery` tag value of subnets and security groups. */
  readonly clusterName: string;
  /** IAM role of the nodes (Terraform `karpenterNodeRoleName`). */
  readonly role: string;
  /** Environment, tagged on the instances. */
  readonly environment: string;
  /** Root volume size. @default '50Gi' */
  readonly rootVolumeSize?: string;
  /**
   * AMI alias. `@latest` follows EKS-optimised AL2023 releases; Karpenter's drift replaces nodes
   * within the NodePool's disruption budget when a new AMI appears.
   * @default 'al2023@latest'
   */
  readonly amiAlias?: string;
}

/** One EC2NodeClass. */
export class KarpenterNodeClass extends Construct {
  /** The EC2NodeClass (construct id `Resource`). */
  public readonly nodeClass: Ec2NodeClass;

  public constructor(scope: Construct, id: string, props: KarpenterNodeClassProps) {
    super(scope, id);
    const discovery = { 'karpenter.sh/discovery': props.clusterName };
    this.nodeClass = new Ec2NodeClass(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        amiSelectorTerms: [{ alias: props.amiAlias ?? 'al2023@latest' }],
        role: props.role,
        subnetSelectorTerms: [{ tags: discovery }],
        securityGroupSelectorTerms: [{ tags: discovery }],
        metadataOptions: {
          httpEndpoint: Ec2NodeClassSpecMetadataOptionsHttpEndpoint.ENABLED,
          httpProtocolIPv6: Ec2NodeClassSpecMetadataOptionsHttpProtocolIPv6.DISABLED,
          httpPutResponseHopLimit: 1,
          httpTokens: Ec2NodeClassSpecMetadataOptionsHttpTokens.REQUIRED,
        },
        blockDeviceMappings: [
          {
            deviceName: '/dev/xvda',
            rootVolume: true,
            ebs: {
              volumeSize: props.rootVolumeSize ?? '50Gi',
              volumeType: Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType.GP3,
              encrypted: true,
              deleteOnTermination: true,
            },
          },
        ],
        tags: { 'fintrack.io/environment': props.environment, 'fintrack.io/nodeclass': props.name },
      },
    });
  }
}
