import { sql, type Kysely } from 'kysely';

// A customer's line may carry the sender's own id for it, so that sending it again (after a
// timeout or a lost answer) returns the line already kept instead of a second copy
// (decisions/0004). Unique per conversation, and only where given.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table messages add column client_message_id text;
    create unique index messages_client_message_id on messages (conversation_id, client_message_id) where client_message_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index if exists messages_client_message_id;
    alter table messages drop column if exists client_message_id;
  `.execute(db);
}
