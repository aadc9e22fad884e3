/**
 * One Gatekeeper policy: a CEL-only ConstraintTemplate and its Constraint.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstraintTemplate } from '../imports/templates.gatekeeper.sh.ts';
import type { PolicyDefinition } from './policies/policy-definition.ts';

/** Argo CD annotations of a constraint: its kind exists only once the template is synced. */
const CONSTRAINT_ANNOTATIONS = {
  'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
  'argocd.argoproj.io/sync-wave': '1',
};

/** Props of {@link GatekeeperPolicy}. */
export interface GatekeeperPolicyProps {
  /** The policy. */
  readonly policy: PolicyDefinition;
  /** The constraint's `spec.parameters`. @default - none */
  readonly parameters?: Record<string, unknown>;
  /** Namespaces the constraint never looks at (system add-ons). */
  readonly excludedNamespaces: readonly string[];
  /** What a violation does. @default 'deny' */
  readonly enforcementAction?: 'deny' | 'warn' | 'dryrun';
}

/** A ConstraintTemplate (sync wave 0) and its Constraint (wave 1). */
export class GatekeeperPolicy extends Construct {
  /** The template. */
  public readonly template: ConstraintTemplate;
  /** The constraint. */
  public readonly constraint: ApiObject;

  public constructor(scope: Construct, id: string, props: GatekeeperPolicyProps) {
    super(scope, id);
    const { policy } = props;
    if (policy.parametersSchema && !props.parameters) throw new Error(`policy ${policy.kind}: 'parameters' is required by its schema`);
    this.template = new ConstraintTemplate(this, 'Template', {
      metadata: {
        name: policy.kind.toLowerCase(),
        annotations: { description: policy.description, 'argocd.argoproj.io/sync-wave': '0' },
      },
      spec: {
        crd: {
          spec: {
            names: { kind: policy.kind },
            ...(policy.parametersSchema ? { validation: { openApiv3Schema: policy.parametersSchema } } : {}),
          },
        },
        targets: [
          {
            target: 'admission.k8s.gatekeeper.sh',
            code: [
              {
                engine: 'K8sNativeValidation',
                source: {
                  ...(policy.variables && policy.variables.length > 0 ? { variables: policy.variables.map((v) => ({ ...v })) } : {}),
                  validations: policy.validations.map((v) => ({ ...v })),
                },
              },
            ],
          },
        ],
      },
    });
    // Constraint kinds are created by their template at run time: no generated class exists.
    this.constraint = new ApiObject(this, 'Constraint', {
      apiVersion: 'constraints.gatekeeper.sh/v1beta1',
      kind: policy.kind,
      metadata: { name: policy.constraintName, annotations: { ...CONSTRAINT_ANNOTATIONS } },
      spec: {
        enforcementAction: props.enforcementAction ?? 'deny',
        match: {
          kinds: policy.match.map((m) => ({ apiGroups: [...m.apiGroups], kinds: [...m.kinds] })),
          excludedNamespaces: [...props.excludedNamespaces],
        },
        ...(props.parameters ? { parameters: props.parameters } : {}),
      },
    });
  }
}
