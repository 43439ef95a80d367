import type { Executor } from '../db/repositories/executor.ts';
import { countOpenByAssignee } from '../db/repositories/conversations.ts';

/** Agents online (in the team, when one is given) with room under their capacity. */
export async function countAvailableAgents(db: Executor, workspaceId: string, teamId: string | null): Promise<number> {
  let q = db
    .selectFrom('agents')
    .select(['agents.id', 'agents.capacity'])
    .where('agents.workspace_id', '=', workspaceId)
    .where('agents.status', '=', 'online')
    .where('agents.role', 'in', ['agent', 'admin']);
  if (teamId) q = q.innerJoin('team_members', 'team_members.agent_id', 'agents.id').where('team_members.team_id', '=', teamId);
  const [agents, load] = await Promise.all([q.execute(), countOpenByAssignee(db, workspaceId)]);
  return agents.filter((a) => (load.get(a.id) ?? 0) < a.capacity).length;
}
