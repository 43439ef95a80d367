import { createContext, useContext } from 'react';
import type { Agent, Team } from './types.ts';

/** Who is logged in and the workspace's teams and agents, shared by every screen. */
export interface WorkspaceData {
  me: Agent;
  teams: Team[];
  agents: Agent[];
  teamName(id: string | null | undefined): string | null;
  agentName(id: string | null | undefined): string | null;
  /** Fetches the teams and agents again (after an admin changed them). */
  reload(): void;
}

export const WorkspaceContext = createContext<WorkspaceData | null>(null);

export function useWorkspace(): WorkspaceData {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspace outside the workspace');
  return w;
}

export function makeWorkspace(me: Agent, teams: Team[], agents: Agent[], reload: () => void = () => {}): WorkspaceData {
  const teamsById = new Map(teams.map((t) => [t.id, t.name]));
  const agentsById = new Map(agents.map((a) => [a.id, a.name]));
  return {
    me,
    teams,
    agents,
    teamName: (id) => (id ? (teamsById.get(id) ?? null) : null),
    agentName: (id) => (id ? (agentsById.get(id) ?? null) : null),
    reload,
  };
}
