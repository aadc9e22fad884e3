/**
 * The PriorityClasses pods may name: platform add-ons first, then business-critical services (money
 * movement, authentication, the public entry point), then everything else.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Every PriorityClass the platform defines, highest first. */
export const PRIORITY_CLASSES = [
  {
    name: 'platform-critical',
    value: 1_000_000,
    description: 'Platform add-ons the business services depend on (DNS, secrets, certificates, ingress).',
  },
  { name: 'business-critical', value: 100_000, description: 'Services that move money, authenticate tenants or serve the public API.' },
  { name: 'business-standard', value: 10_000, description: 'Every other business service.' },
] as const;

/** The name of one of {@link PRIORITY_CLASSES}. */
export type PriorityClassName = (typeof PRIORITY_CLASSES)[number]['name'];

/** Renders {@link PRIORITY_CLASSES}. */
export class PriorityClasses extends Construct {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const pc of PRIORITY_CLASSES) {
      new k8s.KubePriorityClass(this, pc.name, {
        metadata: { name: pc.name },
        value: pc.value,
        globalDefault: false,
        preemptionPolicy: 'PreemptLowerPriority',
        description: pc.description,
      });
    }
  }
}
