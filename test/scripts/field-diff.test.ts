import { describe, expect, it } from 'vitest';
import { diffFields, formatChange } from '../../scripts/diff/field-diff.ts';

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
