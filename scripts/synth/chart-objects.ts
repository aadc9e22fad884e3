/**
 * The objects of several charts of one cdk8s App, with the App resolved and validated once.
 * cdk8s's `chart.toJson()` resolves cross-chart dependencies and validates every construct of the
 * whole App on each call (cdk8s-team/cdk8s-core src/app.ts: Chart.toJson → App._synthChart →
 * resolveDependencies, validate), so one call per chart made synth quadratic in the number of
 * services (1,000 services x 3 environments: 65 s of a 97 s synth).
 */
import { ApiObject, Chart, DependencyGraph } from 'cdk8s';

/**
 * Each chart's objects, as `chart.toJson()` returns them. All charts must belong to the same App and
 * no construct may be added between the calls (the first chart's toJson() resolves for all).
 */
export function chartsToJson(charts: readonly Chart[]): unknown[][] {
  const [first, ...rest] = charts;
  if (!first) return [];
  // Resolving only adds dependencies and validating only reads, so the rest reuse the first pass.
  return [first.toJson(), ...rest.map(objectsOf)];
}

// The selection and order of cdk8s's chartToKube (cdk8s-team/cdk8s-core src/app.ts): the chart's
// dependency topology, only the ApiObjects whose closest chart is this one.
function objectsOf(chart: Chart): unknown[] {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((x): x is ApiObject => x instanceof ApiObject)
    .filter((x) => Chart.of(x) === chart)
    .map((x) => x.toJson());
}
