import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import { ensureBuilt } from './build.ts';
import { launchBrowser } from './browser.ts';

export type BrowserBaton = { tdb: TestDatabase; baton: RunningBaton; ws: SeededWorkspace; browser: Browser };

/**
 * The set-up the browser test files share: one database for the file, Baton on it with a
 * seeded workspace (`workspace` names it), and Chromium once the app and the widget are built (rebuilt only when
 * their sources changed). Call it inside `describe`: the fields are there from its beforeAll
 * on, so a file's own beforeAll, registered after it, can use them.
 */
export function useBrowserBaton(opts: { workspace?: string } = {}): BrowserBaton {
  const env: Partial<BrowserBaton> = {};
  beforeAll(async () => {
    const built = ensureBuilt();
    env.tdb = await openTestDatabase();
    env.baton = await startTestBaton(env.tdb.database);
    env.ws = await seedWorkspace(env.tdb.database.db, opts.workspace);
    [env.browser] = await Promise.all([launchBrowser(), built]);
  }, 180_000);

  afterAll(async () => {
    await env.browser?.close();
    await env.baton?.stop();
    await env.tdb?.dispose();
  });
  return env as BrowserBaton;
}
