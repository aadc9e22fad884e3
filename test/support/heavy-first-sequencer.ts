/**
 * Test file order: the suites that drive Terraform start first, one per worker, so the longest
 * suite never starts last and leaves a core idle at the end; the rest follow vitest's own order
 * (failed first, then by recorded duration or size).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that start first, in this order (paths relative to the repository root). */
export const HEAVY_FIRST: readonly string[] = [
  'test/terraform/terraform.test.ts',
  'test/terraform/plan.test.ts',
  'test/terraform/redis-migration.test.ts',
];

/** Rank of a file: its index in {@link HEAVY_FIRST}, or after all of them. */
export function heavyRank(moduleId: string): number {
  const i = HEAVY_FIRST.findIndex((f) => moduleId.endsWith(`/${f}`));
  return i < 0 ? HEAVY_FIRST.length : i;
}

/** vitest `sequence.sequencer`. */
export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => heavyRank(a.spec.moduleId) - heavyRank(b.spec.moduleId) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}
