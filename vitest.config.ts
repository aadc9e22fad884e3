import { defineConfig } from 'vitest/config';
import { HeavyFirstSequencer } from './test/support/heavy-first-sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Two workers even on a 2-core machine: many suites wait on child processes (terraform, git,
    // synth), so a second worker overlaps them (measured: 189 s → 141 s for the whole suite).
    maxWorkers: 2,
    // Files share a worker's module cache instead of re-importing cdk8s, ajv and the charts per file
    // (measured: 98 → 72 CPU-seconds for the in-memory suites); no suite keeps state between files.
    isolate: false,
    // The Terraform suites start first (the longest must not start last).
    sequence: { sequencer: HeavyFirstSequencer },
    // In CI also write a JSON report: .ci/run prints its own "N passed, N failed" line from it.
    reporters: process.env.CI === 'true' ? ['default', ['json', { outputFile: 'build/test-results.json' }]] : ['default'],
  },
});
