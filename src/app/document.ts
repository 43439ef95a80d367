import pino from 'pino';
import { openDatabase } from '../db/database.ts';
import { generateKey, keyringFromEnv } from '../pii/index.ts';
import { buildApp } from '../server/app.ts';
import { loadEnv } from '../config/env.ts';
import { createContext } from './runtime.ts';

/**
 * The OpenAPI document, without a server or a database to run: the app is built over an empty
 * in-memory database (never migrated, never queried) and never listens. What `baton openapi`
 * prints and contracts/openapi.json holds; the same as GET /api/v1/openapi.json serves.
 */
export async function apiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({ dataDir: null });
  try {
    const log = pino({ level: 'silent' });
    const ctx = createContext({
      env: loadEnv({}),
      log,
      database,
      keyring: keyringFromEnv({ BATON_VAULT_KEY: generateKey() }),
      engineFactory: () => {
        throw new Error('the document needs no engine');
      },
    });
    const app = await buildApp(ctx);
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
