import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    // esbuild emits no decorator metadata; MikroORM and type-graphql need it.
    swc.vite({ jsc: { transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }),
  ],
  resolve: {
    alias: {
      graphql: 'graphql/index.js',
      // type-graphql's ESM build imports graphql-scalars@1 (CommonJS) by named exports, which
      // Node cannot resolve; its CommonJS build is the one the compiled api runs anyway.
      'type-graphql': require.resolve('type-graphql'),
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    // Without TEST_DATABASE_URL the service tests run on PGlite; initialise its template once.
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
