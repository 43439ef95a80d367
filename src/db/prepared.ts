import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';
import { sqlState } from './errors.ts';

// The hottest statements (every line of every chat, decisions/0005) are planned once per
// connection instead of on every execution: Postgres spent most of a line's time planning them
// (each is several data-modifying CTEs over indexed tables). Only statements marked so are
// prepared, since a connection keeps every named statement until it closes and query builders
// make a new text for every list length.

const MARK = '/* baton:prepared */';

/** Put first in a statement's SQL: on Postgres it is then prepared once per connection. */
export const PREPARED = sql.raw(`${MARK} `);

type QueryConfig = { name: string; text: string; values: unknown[] };

/** The query config for a marked statement with parameters, or undefined (run as given). */
export function preparedConfig(text: unknown, values: unknown): QueryConfig | undefined {
  if (typeof text !== 'string' || !text.startsWith(MARK) || !Array.isArray(values)) return undefined;
  return { name: `baton_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values };
}

/**
 * Runs a marked statement prepared on `client`. A table whose columns changed since it was
 * prepared (another node migrated the schema) makes Postgres refuse the plan before anything
 * runs ("cached plan must not change result type"): the statement is dropped and prepared again.
 */
export async function queryPrepared(client: pg.PoolClient, config: QueryConfig): Promise<pg.QueryResult> {
  try {
    return await client.query(config);
  } catch (err) {
    if (sqlState(err) !== '0A000') throw err;
    await client.query(`deallocate ${config.name}`);
    forgetParsed(client, config.name);
    return client.query(config);
  }
}

/** pg remembers which names it parsed on a connection and would not parse this one again. */
function forgetParsed(client: pg.PoolClient, name: string): void {
  const connection = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection;
  if (connection?.parsedStatements) delete connection.parsedStatements[name];
}
