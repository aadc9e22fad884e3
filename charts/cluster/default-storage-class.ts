/**
 * The cluster's default StorageClass: encrypted gp3 EBS volumes from the EBS CSI driver (the EKS
 * add-on `aws-ebs-csi-driver`, terraform/modules/eks), bound where the pod lands.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Name of the default StorageClass; add-on values that claim volumes name it. */
export const DEFAULT_STORAGE_CLASS = 'gp3';

/** CSI driver name of the AWS EBS CSI driver (kubernetes/csi-translation-lib plugins/aws_ebs.go AWSEBSDriverName). */
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';

/** Props of {@link DefaultStorageClass}. */
export interface DefaultStorageClassProps {
  /** StorageClass name. @default DEFAULT_STORAGE_CLASS */
  readonly name?: string;
  /** KMS key (ARN) that encrypts the volumes. @default - the account's default EBS key (aws/ebs) */
  readonly kmsKeyId?: string;
}

/** An encrypted gp3 StorageClass marked as the cluster default. */
export class DefaultStorageClass extends Construct {
  /** The StorageClass (construct id `Resource`). */
  public readonly storageClass: k8s.KubeStorageClass;

  public constructor(scope: Construct, id: string, props: DefaultStorageClassProps = {}) {
    super(scope, id);
    this.storageClass = new k8s.KubeStorageClass(this, 'Resource', {
      metadata: {
        name: props.name ?? DEFAULT_STORAGE_CLASS,
        // PVCs without storageClassName get this class (k8s.io/kubernetes plugin/pkg/admission/storage/storageclass/setdefault).
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: EBS_CSI_PROVISIONER,
      // Parameter keys and values of kubernetes-sigs/aws-ebs-csi-driver docs/parameters.md (encrypted defaults to false).
      parameters: {
        type: 'gp3',
        encrypted: 'true',
        'csi.storage.k8s.io/fstype': 'ext4',
        ...(props.kmsKeyId ? { kmsKeyId: props.kmsKeyId } : {}),
      },
      // EBS volumes are zonal: create them in the zone the scheduler picked for the pod.
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
    });
  }
}
