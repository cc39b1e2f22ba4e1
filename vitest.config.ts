import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS and ESM copies; Node (and so type-graphql and Apollo) loads the CJS one,
    // Vite would hand our code the ESM one, and `instanceof GraphQLScalarType` would fail across
    // the two. Point our imports at the copy Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts', 'plugins/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Closes harnesses a file left open; fails a file whose Redis clients printed unhandled errors.
    setupFiles: ['test/support/file-hygiene.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Each file gets its own database; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
