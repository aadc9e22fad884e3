import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // In CI also write a JSON report: .ci/run prints its own "N passed, N failed" line from it.
    reporters: process.env.CI === 'true' ? ['default', ['json', { outputFile: 'build/test-results.json' }]] : ['default'],
  },
});
