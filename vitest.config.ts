import { defineConfig } from 'vitest/config';

/**
 * Small projects, each with its own fixtures (the Starlight way): unit tests of the model and
 * analyses are fast; the site project builds the example site once and reads dist/.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 600_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/site-build/**', 'node_modules/**'] } },
      { extends: true, test: { name: 'site', include: ['test/site-build/**/*.test.ts', 'test/e2e/**/*.test.ts'], fileParallelism: false, globalSetup: ['test/site-build/global-setup.ts'] } },
    ],
  },
});
