import { sql, type Kysely } from 'kysely';

// A macro may be written for one language (ISO 639-1, as conversations record theirs): agent
// assist then offers it only to conversations in that language, so a Portuguese customer at risk
// gets the team's Portuguese check-in, not the English one. Null: any language (macros of before).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table macros add column language text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table macros drop column language`.execute(db);
}
