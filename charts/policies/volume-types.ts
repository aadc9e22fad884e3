/** Only volume types that cannot reach the node. */
import { MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

/**
 * The volume sources Pod Security restricted allows (kubernetes/pod-security-admission
 * policy/check_restrictedVolumes.go restrictedVolumes_1_0).
 */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** Every volume's source is one of {@link RESTRICTED_VOLUME_TYPES} (no flexVolume, nfs, hostPath …). */
export const volumeTypes: PolicyDefinition = {
  kind: 'FintrackVolumeTypes',
  constraintName: 'restricted-volume-types',
  description: `Volumes use only ${RESTRICTED_VOLUME_TYPES.join(', ')} (Pod Security restricted volume types).`,
  match: MATCH_PODS,
  variables: [
    { name: 'allowed', expression: `[${RESTRICTED_VOLUME_TYPES.map((t) => `'${t}'`).join(', ')}]` },
    {
      name: 'forbidden',
      expression:
        "object.spec.?volumes.orValue([]).filter(v, !v.exists(k, k in variables.allowed)).map(v, v.name + ' (' + v.filter(k, k != 'name').join(', ') + ')')",
    },
  ],
  validations: [
    {
      expression: 'size(variables.forbidden) == 0',
      messageExpression: "'volume types must be one of ' + variables.allowed.join(', ') + ': ' + variables.forbidden.join(', ')",
    },
  ],
};
