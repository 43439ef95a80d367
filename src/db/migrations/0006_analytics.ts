import { sql, type Kysely } from 'kysely';

// Issue 7: agents' rating of the brief (one click, on the handoff), monthly QA reviews of
// handoffs against a rubric, and the indexes the analytics range scans use.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table handoffs
      add column brief_useful boolean,
      add column brief_comment text,
      add column brief_rated_by uuid references agents(id) on delete set null,
      add column brief_rated_at timestamptz;

    create table qa_reviews (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      handoff_id uuid not null references handoffs(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      reviewer_id uuid not null references agents(id) on delete cascade,
      -- the sample month the handoff was drawn for, YYYY-MM
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      -- rubric item -> score (1..5), see src/quality/rubric.ts
      scores jsonb not null,
      comment text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (handoff_id, reviewer_id)
    );
    create index qa_reviews_month on qa_reviews (workspace_id, month);

    create index handoffs_workspace_requested on handoffs (workspace_id, requested_at);
    create index conversations_workspace_created on conversations (workspace_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index if exists conversations_workspace_created;
    drop index if exists handoffs_workspace_requested;
    drop table if exists qa_reviews;
    alter table handoffs drop column if exists brief_useful, drop column if exists brief_comment,
      drop column if exists brief_rated_by, drop column if exists brief_rated_at;
  `.execute(db);
}
