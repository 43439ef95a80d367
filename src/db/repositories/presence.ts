import { sql } from 'kysely';
import type { Executor } from './executor.ts';

// Which agents have a workspace socket open, per server process (node): the rows behind
// presence (auth/presence.ts). An agent's status follows them: a first row makes an offline
// agent online; the last row gone makes them offline.

/** This node holds a socket for the agent: recorded, and the agent is online unless they chose "away". */
export async function holdPresence(db: Executor, nodeId: string, workspaceId: string, agentId: string): Promise<void> {
  await db
    .insertInto('agent_presence')
    .values({ node_id: nodeId, agent_id: agentId, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['node_id', 'agent_id']).doUpdateSet({ seen_at: sql`now()` }))
    .execute();
  await db
    .updateTable('agents')
    .set({ status: 'online' })
    .where('id', '=', agentId)
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'offline')
    .execute();
}

/** This node holds no socket for the agent any more; offline when no other node does. */
export async function releasePresence(db: Executor, nodeId: string, agentId: string): Promise<void> {
  await db.deleteFrom('agent_presence').where('node_id', '=', nodeId).where('agent_id', '=', agentId).execute();
  await offlineWithoutSockets(db, [agentId]);
}

/** The node is alive and holds sockets for these agents: their rows are fresh (and back, if a write was lost). */
export async function touchPresence(db: Executor, nodeId: string, held: { agentId: string; workspaceId: string }[]): Promise<void> {
  if (held.length === 0) return;
  await db
    .insertInto('agent_presence')
    .values(held.map((h) => ({ node_id: nodeId, agent_id: h.agentId, workspace_id: h.workspaceId })))
    .onConflict((oc) => oc.columns(['node_id', 'agent_id']).doUpdateSet({ seen_at: sql`now()` }))
    .execute();
}

/**
 * Rows not touched since `before` belong to a node that is gone (crashed, or restarted under
 * a new id): removed, and their agents go offline unless a live node holds a socket for them.
 * Returns the agents that went offline.
 */
export async function expirePresence(db: Executor, before: Date): Promise<string[]> {
  const gone = await db.deleteFrom('agent_presence').where('seen_at', '<', before).returning('agent_id').execute();
  return offlineWithoutSockets(db, [...new Set(gone.map((r) => r.agent_id))]);
}

async function offlineWithoutSockets(db: Executor, agentIds: string[]): Promise<string[]> {
  if (agentIds.length === 0) return [];
  const rows = await db
    .updateTable('agents')
    .set({ status: 'offline' })
    .where('id', 'in', agentIds)
    .where('status', '!=', 'offline')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('agent_presence').select('agent_presence.agent_id').whereRef('agent_presence.agent_id', '=', 'agents.id'))),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
