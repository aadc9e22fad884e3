import { describe, expect, it } from 'vitest';
import { diffFields, formatChange, formatChangeLines } from '../../scripts/diff/field-diff.ts';

describe('diffFields', () => {
  it('names the values that joined or left a list of scalars', () => {
    // GIVEN an AppProject's sourceRepos gaining one repository and losing another
    const before = { spec: { sourceRepos: ['https://a.example', 'https://b.example'] } };
    const after = { spec: { sourceRepos: ['https://a.example', 'https://c.example'] } };
    // WHEN diffed THEN one line each, not the whole list
    expect(diffFields(before, after).map(formatChange)).toEqual([
      'spec.sourceRepos: - https://b.example',
      'spec.sourceRepos: + https://c.example',
    ]);
  });

  it('reports a reordered list of scalars position by position', () => {
    expect(diffFields({ l: ['a', 'b'] }, { l: ['b', 'a'] }).map((c) => c.op)).toEqual(['changed', 'changed']);
  });

  it('falls back to index-wise changes for lists with duplicates', () => {
    expect(diffFields({ l: ['a', 'a'] }, { l: ['a', 'b'] }).map(formatChange)).toEqual(['l[1]: a → b']);
  });
});

describe('formatChangeLines', () => {
  it('shows a long one-line string whole on both sides instead of cutting both to the same prefix', () => {
    // GIVEN a PromQL expression longer than one line holds, changed at its end
    const expr = (n: string): string =>
      `sum(rate(http_requests_total{service="ledger",code=~"5.."}[1h])) / sum(rate(http_requests_total{service="ledger"}[1h])) > ${n}`;
    const [change] = diffFields({ expr: expr('0.01') }, { expr: expr('0.02') });
    // WHEN formatted THEN the path, then both values in full
    expect(formatChangeLines(change!)).toEqual(['expr:', `-      ${expr('0.01')}`, `+      ${expr('0.02')}`]);
  });

  it('diffs a list of objects of unchanged length as YAML lines, not index by index', () => {
    const before = { to: [{ ipBlock: { cidr: '10.0.1.0/24' } }] };
    const after = { to: [{ ipBlock: { cidr: '10.0.2.0/24' } }] };
    expect(diffFields(before, after).flatMap(formatChangeLines)).toEqual([
      'to:',
      '       - ipBlock:',
      '-          cidr: 10.0.1.0/24',
      '+          cidr: 10.0.2.0/24',
    ]);
  });

  it('keeps short values on one line', () => {
    expect(diffFields({ a: { b: 'x' } }, { a: { b: 'y' } }).flatMap(formatChangeLines)).toEqual(['a.b: x → y']);
  });
});
