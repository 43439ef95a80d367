import { sql, type Kysely } from 'kysely';

// An agent's e-mail is unique within a workspace, not across them: a global constraint made
// "invite agent" answer 409 for an address another tenant uses, telling one tenant who works
// for another. Login picks the agent whose password matches (auth/sessions.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table agents drop constraint if exists agents_email_key;
    create unique index agents_workspace_email on agents (workspace_id, email);
    create index agents_email on agents (email);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index if exists agents_email;
    drop index if exists agents_workspace_email;
    alter table agents add constraint agents_email_key unique (email);
  `.execute(db);
}
