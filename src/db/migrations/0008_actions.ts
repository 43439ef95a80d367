import { sql, type Kysely } from 'kysely';

// A workspace's actions (docs/actions.md): the company's API, its tools, identity and
// playbooks as one validated document, and the API secret sealed apart from it (the shared
// envelope, as connector credentials), so reading the config never touches the secret.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table workspace_actions (
      workspace_id uuid primary key references workspaces(id) on delete cascade,
      -- the actions document (actionsConfigSchema), never a secret
      config jsonb not null default '{}'::jsonb,
      -- AES-256-GCM envelope of the API secret, bound to the workspace; never returned by the API
      secret_sealed text,
      -- the admin allows tools to reach private and loopback addresses (an on-premise API)
      allow_private_network boolean not null default false,
      updated_at timestamptz not null default now(),
      updated_by text
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists workspace_actions;`.execute(db);
}
