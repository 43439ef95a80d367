import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The same suites on the machine's real Postgres (TEST_DATABASE_URL), plus the ones that
// need several server processes sharing one database.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/**/*.test.ts', 'src/**/*.db.test.ts'],
      exclude: ['**/node_modules/**'],
    },
  }),
);
