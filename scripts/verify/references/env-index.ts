/**
 * One environment's objects indexed once by kind and by kind/namespace/name, so reference rules
 * look objects up instead of scanning dist/ per reference.
 */
import { groupOf, type DistObject, type Severity } from '../model.ts';
import { workloadsOf, type Workload } from '../pod-templates.ts';

/** `group/Kind` of an object (`/Service` for core). */
export function groupKind(o: DistObject): string {
  return `${groupOf(o.object.apiVersion)}/${o.object.kind}`;
}

/** Namespace of an object (`default` when unset). */
export function nsOf(o: DistObject): string {
  return o.object.metadata.namespace ?? 'default';
}

/** An environment's objects, indexed. */
export class EnvIndex {
  private readonly kinds = new Map<string, DistObject[]>();
  private readonly names = new Map<string, DistObject>();
  /** Workloads with their pod templates. */
  readonly workloads: readonly Workload[];

  constructor(readonly objects: readonly DistObject[]) {
    for (const o of objects) {
      const gk = groupKind(o);
      let list = this.kinds.get(gk);
      if (!list) this.kinds.set(gk, (list = []));
      list.push(o);
      this.names.set(`${gk}|${o.object.metadata.namespace ?? ''}|${o.object.metadata.name}`, o);
    }
    this.workloads = workloadsOf(objects);
  }

  /** Objects of `group/Kind`. */
  of(gk: string): readonly DistObject[] {
    return this.kinds.get(gk) ?? [];
  }

  /** The object `group/Kind` named `name` in `namespace` (omit for cluster-scoped). */
  get(gk: string, name: string, namespace?: string): DistObject | undefined {
    return this.names.get(`${gk}|${namespace ?? ''}|${name}`);
  }
}

/** Reports one finding about `at`. */
export type Emit = (at: DistObject, rule: string, severity: Severity, message: string) => void;

/** Field path of a workload's pod spec (`spec.template.spec`, `spec` for a Pod). */
export function podSpecPath(o: DistObject): string {
  if (o.object.kind === 'Pod') return 'spec';
  if (o.object.kind === 'CronJob') return 'spec.jobTemplate.spec.template.spec';
  return 'spec.template.spec';
}
