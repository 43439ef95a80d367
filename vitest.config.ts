import { defineConfig } from 'vitest/config';
import { shared } from './vitest.shared.ts';

export default defineConfig({
  test: {
    ...shared,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Suites that need several processes on one real Postgres run in `npm run test:pg`.
    exclude: ['test/pg/**', '**/node_modules/**'],
  },
});
