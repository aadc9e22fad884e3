/**
 * chartsToJson: one resolve-and-validate pass gives what chart.toJson() gives per chart.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { chartsToJson } from '../../scripts/synth/chart-objects.ts';

function app(): { charts: Chart[]; invalid: Chart } {
  const a = new App();
  const first = new Chart(a, 'first');
  const second = new Chart(a, 'second');
  const cm = (chart: Chart, name: string): ApiObject =>
    new ApiObject(chart, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
  const one = cm(first, 'one');
  const two = cm(second, 'two');
  const three = cm(second, 'three');
  two.node.addDependency(three);
  three.node.addDependency(one); // across charts
  const invalid = new Chart(a, 'invalid');
  return { charts: [first, second], invalid };
}

describe('chartsToJson', () => {
  it('returns each chart’s objects in cdk8s’s order', () => {
    const expected = app().charts.map((c) => c.toJson());
    const { charts } = app();
    expect(chartsToJson([...charts])).toEqual(expected);
    expect(expected[1]?.map((o) => (o as { metadata: { name: string } }).metadata.name)).toEqual(['three', 'two']);
  });

  it('still validates every construct of the App, also those of later charts', () => {
    const { charts, invalid } = app();
    invalid.node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => chartsToJson([...charts, invalid])).toThrow(/broken on purpose/);
  });
});
