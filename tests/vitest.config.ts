import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'browser/**/*.test.ts', 'fault/**/*.test.ts'],
    // Each file starts the built api (and the browser tests a Chromium): one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
    globalSetup: ['support/global-setup.ts'],
  },
});
