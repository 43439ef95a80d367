import { sql, type Kysely } from 'kysely';

// A conversation row is updated on every line and every bot answer. Leaving a third of each
// page free lets most of those updates stay on the row's own page as heap-only updates, which
// write no index entries (the bot's updates leave every indexed column as it was:
// messages.ts, RECENT_ENOUGH; decisions/0005, sixth pass). Pages written from now on keep the
// room; existing ones gain it as they are rewritten.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table conversations set (fillfactor = 70)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table conversations reset (fillfactor)`.execute(db);
}
