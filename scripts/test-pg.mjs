#!/usr/bin/env node
// Runs the test suite against PostgreSQL: each test file creates its own
// database on this server and drops it afterwards. Only the files that use the
// test database (TEST_DATABASE_ONLY, vitest.config.ts); the others run the same
// on PGlite.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url, TEST_DATABASE_ONLY: '1' },
});
process.exit(result.status ?? 1);
