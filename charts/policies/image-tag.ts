/** Images are pinned: a tag other than latest, or a digest. */
import { ALL_CONTAINERS, MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

/**
 * The tag is what follows the last ':' after the last '/', so a registry port (`host:5000/x`) is
 * not mistaken for a tag. A digest pins the image whatever the tag.
 */
export const imageTag: PolicyDefinition = {
  kind: 'FintrackImageTag',
  constraintName: 'pinned-image-tag',
  description: 'Every image names a tag other than latest, or a sha256 digest.',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    {
      name: 'unpinned',
      expression:
        "variables.containers.filter(c, !c.image.matches('@sha256:[a-f0-9]{64}$') && (!c.image.matches(':[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$') || c.image.endsWith(':latest')))",
    },
  ],
  validations: [
    {
      expression: 'size(variables.unpinned) == 0',
      messageExpression:
        "'images must be pinned to a tag other than latest or a digest: ' + variables.unpinned.map(c, c.name + ' (' + c.image + ')').join(', ')",
    },
  ],
};
