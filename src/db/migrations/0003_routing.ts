import { sql, type Kysely } from 'kysely';

// Issue 4: ordered routing rules per workspace, and macros (saved replies) for agent assist.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table routing_rules (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      position integer not null,
      name text not null,
      enabled boolean not null default true,
      -- what a handoff must look like to match (all given conditions hold), see src/handoff/routing/schema.ts
      conditions jsonb not null default '{}'::jsonb,
      -- where it goes: a team, a named agent, or the workspace queue
      target jsonb not null,
      -- skills an agent needs on top of the target team's
      skills jsonb not null default '[]'::jsonb,
      priority text check (priority in ('low', 'normal', 'high', 'urgent')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index routing_rules_order on routing_rules (workspace_id, position, id);

    create table macros (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      title text not null,
      body text not null,
      tags jsonb not null default '[]'::jsonb,
      team_id uuid references teams(id) on delete set null,
      created_by uuid references agents(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index macros_workspace on macros (workspace_id, id);

    -- "who last helped this customer" (sticky routing) and past replies (assist) read agent messages
    create index messages_agent_replies on messages (workspace_id, author, created_at desc) where author = 'agent' and internal = false;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index if exists messages_agent_replies;
    drop table if exists macros, routing_rules;
  `.execute(db);
}
