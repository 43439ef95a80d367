import { afterAll, beforeAll } from 'vitest';
import { openTestDatabase, type TestDatabase } from './database.ts';
import { seedWorkspace, startTestBaton, type SeededWorkspace } from './baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

export interface TestBaton {
  tdb: TestDatabase;
  baton: RunningBaton;
  ws: SeededWorkspace;
}

/**
 * One database, one in-process server and one seeded workspace for the calling test file:
 * opened before its tests, closed after. Read the fields inside tests (they are set in beforeAll).
 */
export function useTestBaton(): TestBaton {
  const ctx = {} as TestBaton;
  beforeAll(async () => {
    ctx.tdb = await openTestDatabase();
    ctx.baton = await startTestBaton(ctx.tdb.database);
    ctx.ws = await seedWorkspace(ctx.tdb.database.db);
  });
  afterAll(async () => {
    await ctx.baton?.stop();
    await ctx.tdb?.dispose();
  });
  return ctx;
}
