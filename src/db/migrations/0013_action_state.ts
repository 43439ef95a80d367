import { sql, type Kysely } from 'kysely';

// Actions in a live conversation (src/actions, docs/actions.md): the playbook runner's state
// between turns (a playbook in progress, filled slots, a write awaiting "yes"), and who the
// customer was verified as (by the host page or by a verification tool). Both hold tokens
// such as <EMAIL_1>, never clear personal data: the values live in the sealed pii_state.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table conversations add column action_state jsonb;
    alter table conversations add column action_identity jsonb;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table conversations drop column if exists action_identity;
    alter table conversations drop column if exists action_state;
  `.execute(db);
}
