import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // End-to-end tests spawn the built CLI and real servers (named, unbound), network-namespace
    // tests build hosts: on a loaded 2-core machine a few take tens of seconds of wall time.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
