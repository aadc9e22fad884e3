/** Container root filesystems are read-only. */
import { ALL_CONTAINERS, MATCH_PODS, namesMessage, type PolicyDefinition } from './policy-definition.ts';

/** readOnlyRootFilesystem: true on every container (writable paths are emptyDir mounts). */
export const readOnlyRootFilesystem: PolicyDefinition = {
  kind: 'FintrackReadOnlyRootFilesystem',
  constraintName: 'read-only-root-filesystem',
  description: 'Every container sets readOnlyRootFilesystem: true; writable paths are explicit volumes.',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    {
      name: 'writable',
      expression:
        'variables.containers.filter(c, !(has(c.securityContext) && has(c.securityContext.readOnlyRootFilesystem) && c.securityContext.readOnlyRootFilesystem))',
    },
  ],
  validations: [
    {
      expression: 'size(variables.writable) == 0',
      messageExpression: namesMessage('containers must set readOnlyRootFilesystem: true', 'writable'),
    },
  ],
};
