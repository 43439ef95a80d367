import { mkdir, rm } from 'node:fs/promises';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { TEMPLATE_DIR } from './paths.ts';

// A fresh PGlite takes 5-7 s (initdb in WASM); copying a migrated data folder and reopening
// it takes about 2. Build the template once per run; each test file opens its own copy.
export default async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  await rm(TEMPLATE_DIR, { recursive: true, force: true });
  await mkdir(TEMPLATE_DIR, { recursive: true });
  const database = await openDatabase({ dataDir: TEMPLATE_DIR });
  await migrateToLatest(database);
  await database.close();
}
