import { sql, type Kysely } from 'kysely';

// The PII shield's vault: each conversation's token state (token -> original value), sealed
// with AES-256-GCM. Customer messages are stored redacted; originals exist only in here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table conversations add column pii_state text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table conversations drop column pii_state`.execute(db);
}
