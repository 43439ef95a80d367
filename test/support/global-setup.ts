import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

// A fresh PGlite takes 5-7 s (initdb in WASM); copying a migrated data folder and reopening
// it takes about 2. Build the template once per run (its own folder, so parallel runs never
// share one); each test file opens its own copy.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-template-'));
  const template = join(dir, 'pgdata');
  // Built in the Postgres run too: the CLI suites test the embedded database either way.
  const database = await openDatabase({ dataDir: template });
  await migrateToLatest(database);
  await database.close();
  project.provide('pgliteTemplate', template);
  return () => rm(dir, { recursive: true, force: true });
}
