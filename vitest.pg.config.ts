import { defineConfig } from 'vitest/config';
import { shared } from './vitest.shared.ts';

// The database suites again on the machine's real Postgres (TEST_DATABASE_URL), plus the
// ones that need several server processes sharing one database (test/pg).
export default defineConfig({
  test: {
    ...shared,
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', '**/node_modules/**'],
  },
});
