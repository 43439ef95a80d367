import { sql, type Kysely } from 'kysely';

// Helpdesk connectors, outbound webhooks, and the outbox cursor that feeds both from the
// append-only events table (docs/connectors.md, docs/webhooks.md).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table connectors (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      vendor text not null,
      enabled boolean not null default true,
      -- non-secret settings (subdomain, group ids, field ids...)
      config jsonb not null default '{}'::jsonb,
      -- AES-256-GCM envelope of the credentials JSON; never returned by the API
      credentials_enc text,
      -- the workspace allows this connector to receive clear (unredacted) text
      allow_clear_text boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, vendor)
    );

    -- One vendor ticket/conversation per (connector, handoff).
    create table connector_threads (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      connector_id uuid not null references connectors(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      handoff_id uuid not null,
      -- messages up to this seq went into the ticket at creation; later ones are mirrored
      transcript_seq integer not null default 0,
      external_id text,
      status text not null default 'pending' check (status in ('pending', 'open', 'closed')),
      -- vendor progress (contact id, steps done) so a retried create resumes, never repeats
      data jsonb not null default '{}'::jsonb,
      lease_until timestamptz,
      created_at timestamptz not null default now(),
      unique (connector_id, handoff_id)
    );
    create index connector_threads_external on connector_threads (connector_id, external_id);
    create index connector_threads_conversation on connector_threads (conversation_id, status);

    -- The ordered work for one thread: create, then mirrored messages, then close.
    create table connector_ops (
      id bigserial primary key,
      thread_id uuid not null references connector_threads(id) on delete cascade,
      kind text not null check (kind in ('create', 'message', 'close')),
      dedupe_key text not null,
      payload jsonb not null default '{}'::jsonb,
      state text not null default 'pending' check (state in ('pending', 'done', 'skipped')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      done_at timestamptz,
      unique (thread_id, dedupe_key)
    );
    create index connector_ops_pending on connector_ops (thread_id, id) where state = 'pending';

    -- Inbound vendor events already applied (dedupe of retried or duplicated deliveries).
    create table connector_inbound (
      connector_id uuid not null references connectors(id) on delete cascade,
      event_id text not null,
      received_at timestamptz not null default now(),
      primary key (connector_id, event_id)
    );

    create table webhook_subscriptions (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      url text not null,
      description text,
      event_types jsonb not null default '[]'::jsonb,
      secret_enc text not null,
      allow_private boolean not null default false,
      enabled boolean not null default true,
      created_at timestamptz not null default now()
    );
    create index webhook_subscriptions_workspace on webhook_subscriptions (workspace_id);

    create table webhook_deliveries (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      subscription_id uuid not null references webhook_subscriptions(id) on delete cascade,
      event_id bigint not null,
      event_type text not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      last_status integer,
      last_error text,
      created_at timestamptz not null default now(),
      last_attempt_at timestamptz,
      delivered_at timestamptz,
      unique (subscription_id, event_id)
    );
    create index webhook_deliveries_log on webhook_deliveries (subscription_id, created_at desc);

    -- Where each outbox consumer has read the events table up to.
    create table outbox_cursors (
      name text primary key,
      last_event_id bigint not null default 0,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists outbox_cursors, webhook_deliveries, webhook_subscriptions, connector_inbound,
      connector_ops, connector_threads, connectors cascade;
  `.execute(db);
}
