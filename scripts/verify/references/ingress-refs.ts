/**
 * Ingress references: the IngressClass a controller provides, and the backend Service and port.
 */
import { clusterPlatform } from '../platform.ts';
import { arr, rec, type DistObject } from '../model.ts';
import type { Emit, EnvIndex } from './env-index.ts';
import { nsOf } from './env-index.ts';

/** Rules of this module. */
export const INGRESS_REF_RULES = ['ingressclass-exists', 'ingress-backend-service'] as const;

/**
 * IngressClasses that add-on Helm charts install, by chart: the values key naming the class, its
 * chart default, and the values flag that turns the resource off. Reviewed against
 * aws/eks-charts stable/aws-load-balancer-controller (values.yaml `ingressClass: alb`,
 * `createIngressClassResource: true`; templates/ingressclass.yaml renders the class when set).
 */
export const CHART_INGRESS_CLASSES: Readonly<Record<string, { valueKey: string; defaultName: string; createFlag: string }>> = {
  'aws-load-balancer-controller': { valueKey: 'ingressClass', defaultName: 'alb', createFlag: 'createIngressClassResource' },
};

function providedClasses(ix: EnvIndex): Set<string> {
  const names = new Set(ix.of('networking.k8s.io/IngressClass').map((o) => o.object.metadata.name));
  // Classes the platform creates itself (k3s' bundled Traefik registers `traefik`).
  for (const name of clusterPlatform(ix.objects).ingressClasses) names.add(name);
  for (const app of ix.of('argoproj.io/Application')) {
    const spec = rec(app.object.spec);
    const sources = spec.source !== undefined ? [rec(spec.source)] : arr(spec.sources).map(rec);
    for (const s of sources) {
      const chart = typeof s.chart === 'string' ? CHART_INGRESS_CLASSES[s.chart] : undefined;
      if (!chart) continue;
      const values = rec(rec(s.helm).valuesObject);
      if (values[chart.createFlag] === false) continue;
      names.add(typeof values[chart.valueKey] === 'string' ? String(values[chart.valueKey]) : chart.defaultName);
    }
  }
  return names;
}

function backends(ingress: DistObject): { path: string; service: Record<string, unknown> }[] {
  const spec = rec(ingress.object.spec);
  const out: { path: string; service: Record<string, unknown> }[] = [];
  if (spec.defaultBackend !== undefined) out.push({ path: 'spec.defaultBackend.service', service: rec(rec(spec.defaultBackend).service) });
  arr(spec.rules).forEach((r, i) =>
    arr(rec(rec(r).http).paths).forEach((p, j) => {
      const svc = rec(rec(p).backend).service;
      if (svc !== undefined) out.push({ path: `spec.rules[${i}].http.paths[${j}].backend.service`, service: rec(svc) });
    }),
  );
  return out;
}

/** Runs the Ingress reference rules on one environment. */
export function checkIngressRefs(ix: EnvIndex, emit: Emit): void {
  const classes = providedClasses(ix);
  const hasDefault = ix
    .of('networking.k8s.io/IngressClass')
    .some((c) => c.object.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
  for (const ing of ix.of('networking.k8s.io/Ingress')) {
    const className = rec(ing.object.spec).ingressClassName;
    // networking/v1 IngressClass: controllers only reconcile Ingresses of their class (the ALB
    // controller: pkg/ingress/class_loader.go); an unknown class is served by nobody.
    if (typeof className === 'string' && !classes.has(className))
      emit(
        ing,
        'ingressclass-exists',
        'error',
        `${ing.file}: spec.ingressClassName "${className}": no IngressClass of that name is rendered or installed by an add-on chart (${[...classes].join(', ') || 'none'})`,
      );
    if (className === undefined && !hasDefault)
      emit(
        ing,
        'ingressclass-exists',
        'warning',
        `${ing.file}: spec.ingressClassName is unset and no IngressClass is marked default: no controller serves it`,
      );
    // aws-load-balancer-controller pkg/ingress/model_build_target_group.go: the backend Service
    // and its port must exist, or the Ingress never gets a target group.
    for (const b of backends(ing)) {
      const name = String(b.service.name ?? '');
      const svc = ix.get('/Service', name, nsOf(ing));
      if (!svc) {
        emit(ing, 'ingress-backend-service', 'error', `${ing.file}: ${b.path}: Service ${nsOf(ing)}/${name} is not rendered`);
        continue;
      }
      const port = rec(b.service.port);
      const ports = arr(rec(svc.object.spec).ports).map(rec);
      const found = port.name !== undefined ? ports.some((p) => p.name === port.name) : ports.some((p) => p.port === port.number);
      if (!found)
        emit(
          ing,
          'ingress-backend-service',
          'error',
          `${ing.file}: ${b.path}.port: Service ${nsOf(ing)}/${name} has no port ${String(port.name ?? port.number)} (ports: ${ports.map((p) => `${String(p.name ?? '')}:${String(p.port)}`).join(', ')})`,
        );
    }
  }
}
