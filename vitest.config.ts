import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // End-to-end tests spawn the built CLI; network-namespace tests build hosts.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
