import { sql, type Kysely } from 'kysely';

// Presence that follows real sockets, across restarts and nodes: each server process (node)
// keeps one row per agent it holds a workspace socket for, and touches its rows on a
// heartbeat. An agent with a row is online; rows of a node that stopped touching them (it
// crashed, or restarted under a new id) expire, and their agents go offline unless another
// node holds a socket for them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table agent_presence (
      node_id text not null,
      agent_id uuid not null references agents(id) on delete cascade,
      workspace_id uuid not null,
      seen_at timestamptz not null default now(),
      primary key (node_id, agent_id)
    );
    create index agent_presence_agent on agent_presence (agent_id);
    create index agent_presence_seen on agent_presence (seen_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists agent_presence`.execute(db);
}
