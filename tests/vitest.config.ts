import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { findPostgresBin } from './support/postgres-instance';
import { findRedisServer } from './support/redis-instance';
import { findNginx } from './support/nginx-instance';

// On a fresh machine with only Node.js and npm, `npm test` must pass: the tiers that need a program
// the machine lacks (Chromium; the PostgreSQL server binaries and redis-server that the fault tests
// start privately) are left out with a notice. In CI (CI=true) nothing is left out: a missing
// program fails the run, since .ci/run installs them.
const ci = process.env.CI === 'true';
const exclude: string[] = [];

function available(what: () => unknown): boolean {
  try {
    what();
    return true;
  } catch {
    return false;
  }
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!ci && !existsSync(chromium)) {
  exclude.push('browser/**');
  console.warn(`[tests] no Chromium at ${chromium}: browser tests skipped (apt-get install chromium fonts-wqy-microhei; CI never skips them)`);
}
if (!ci && !(available(findPostgresBin) && available(findRedisServer))) {
  exclude.push('fault/**');
  console.warn('[tests] no PostgreSQL server binaries or redis-server: fault tests skipped (apt-get install postgresql redis-server; CI never skips them)');
}

if (!ci && !(available(findPostgresBin) && available(findRedisServer) && available(findNginx))) {
  exclude.push('scale/**');
  console.warn('[tests] no nginx, PostgreSQL server binaries or redis-server: scale tests skipped (apt-get install nginx postgresql redis-server; CI never skips them)');
}

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'browser/**/*.test.ts', 'fault/**/*.test.ts', 'scale/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...exclude],
    // Each file starts the built api (and the browser tests a Chromium): one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
    globalSetup: ['support/global-setup.ts'],
  },
});
