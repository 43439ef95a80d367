import { sql, type Kysely } from 'kysely';

// The core domain (design.md: Domain). Every row carries its workspace.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table workspaces (
      id uuid primary key,
      slug text not null unique,
      name text not null,
      -- signs customer identities (HMAC-SHA256 of the user id)
      identity_secret text not null,
      policy jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );

    create table agents (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      email text not null unique,
      name text not null,
      password_hash text not null,
      role text not null check (role in ('admin', 'agent', 'viewer')),
      skills jsonb not null default '[]'::jsonb,
      languages jsonb not null default '[]'::jsonb,
      capacity integer not null default 5 check (capacity >= 0),
      status text not null default 'offline' check (status in ('online', 'away', 'offline')),
      created_at timestamptz not null default now()
    );
    create index agents_workspace on agents (workspace_id);

    create table sessions (
      token_hash text primary key,
      agent_id uuid not null references agents(id) on delete cascade,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );

    create table api_keys (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      key_hash text not null unique,
      scopes jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table teams (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      skills jsonb not null default '[]'::jsonb,
      sla_seconds integer not null default 300,
      fallback_team_id uuid references teams(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (workspace_id, name)
    );

    create table team_members (
      team_id uuid not null references teams(id) on delete cascade,
      agent_id uuid not null references agents(id) on delete cascade,
      primary key (team_id, agent_id)
    );

    create table customers (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      external_id text,
      name text,
      email text,
      attributes jsonb not null default '{}'::jsonb,
      verified boolean not null default false,
      created_at timestamptz not null default now(),
      unique (workspace_id, external_id)
    );

    create table conversations (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete cascade,
      token_hash text not null unique,
      channel text not null,
      language text,
      status text not null check (status in ('bot', 'queued', 'with_agent', 'awaiting_customer', 'resolved', 'closed')),
      controller text not null check (controller in ('bot', 'human', 'none')),
      assignee_id uuid references agents(id) on delete set null,
      team_id uuid references teams(id) on delete set null,
      priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
      intent text,
      tags jsonb not null default '[]'::jsonb,
      csat smallint,
      last_seq integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index conversations_list on conversations (workspace_id, status, updated_at desc, id);
    create index conversations_customer on conversations (customer_id);

    create table messages (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      seq integer not null,
      author text not null check (author in ('customer', 'bot', 'agent', 'system')),
      agent_id uuid references agents(id) on delete set null,
      text text not null,
      redacted_text text not null,
      internal boolean not null default false,
      citations jsonb not null default '[]'::jsonb,
      trace jsonb,
      created_at timestamptz not null default now(),
      unique (conversation_id, seq)
    );

    create table events (
      id bigserial primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid references conversations(id) on delete cascade,
      type text not null,
      actor_type text not null check (actor_type in ('customer', 'bot', 'agent', 'api_key', 'system')),
      actor_id text,
      data jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );
    create index events_conversation on events (conversation_id, id);

    create table handoffs (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      reasons jsonb not null,
      brief jsonb not null default '{}'::jsonb,
      routing jsonb not null default '{}'::jsonb,
      team_id uuid references teams(id) on delete set null,
      requested_at timestamptz not null default now(),
      offered_at timestamptz,
      accepted_at timestamptz,
      first_agent_reply_at timestamptz,
      resolved_at timestamptz
    );
    create index handoffs_conversation on handoffs (conversation_id, requested_at desc);

    create table knowledge_articles (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      id text not null,
      title text not null,
      body text not null,
      url text,
      locale text not null default 'en',
      tags jsonb not null default '[]'::jsonb,
      examples jsonb not null default '[]'::jsonb,
      content_hash text not null,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
  `.execute(db);
  // Events are append-only: the database itself refuses edits.
  await sql`
    create function events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'events are append-only';
    end $$;
    create trigger events_no_update before update on events
      for each row execute function events_append_only();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists knowledge_articles, handoffs, events, messages, conversations, customers,
      team_members, teams, api_keys, sessions, agents, workspaces cascade;
    drop function if exists events_append_only();
  `.execute(db);
}
