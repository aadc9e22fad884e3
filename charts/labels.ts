/**
 * The label keys every rendered object carries. Selectors use only {@link selectorLabels}, which
 * never change for the life of a workload (a Deployment's selector is immutable).
 */

/** Label selecting the pods of one service. */
export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}

/** Labels of every object of a service. */
export function serviceLabels(props: { readonly name: string; readonly team: string; readonly component: string }): Record<string, string> {
  return {
    ...selectorLabels(props.name),
    'app.kubernetes.io/component': props.component,
    'app.kubernetes.io/part-of': 'fintrack',
    'fintrack.io/team': props.team,
  };
}
