import { defineConfig } from 'vitest/config';

// Browser tests: the built app (npm run build) served by the real server, driven
// by Debian's Chromium through playwright-core. One file at a time: each starts
// its own server and browser, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    // A migrated data directory that every server starts from a copy of.
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    // One retry: the long officer flow timed out once in ~6 runs on a loaded
    // 2-core machine and passed on every rerun. A failure twice in a row still fails.
    retry: 1,
  },
});
