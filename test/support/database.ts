import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { inject } from 'vitest';

export interface TestDatabase {
  database: Database;
  /** For a real Postgres: the URL of this file's own database (other processes can join). */
  url: string | null;
  dispose(): Promise<void>;
}

/**
 * One database per test file: a copy of the migrated PGlite template by default, or, with
 * TEST_DATABASE_URL set, a new database on that Postgres server, dropped afterwards.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `baton_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString() });
    await migrateToLatest(database);
    return {
      database,
      url: url.toString(),
      dispose: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'baton-test-'));
  await copyTemplate(dir);
  const database = await openDatabase({ dataDir: dir });
  await migrateToLatest(database);
  return {
    database,
    url: null,
    dispose: async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated, empty embedded database folder at `dest` (copied from the run's template). */
export async function copyTemplate(dest: string): Promise<void> {
  await cp(inject('pgliteTemplate'), dest, { recursive: true });
}
