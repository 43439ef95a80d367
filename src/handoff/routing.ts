import type { TeamRow } from '../db/schema.ts';

export interface RoutingDecision {
  teamId: string | null;
  teamName: string | null;
  why: string;
}

/**
 * Which team a handoff goes to. The workspace policy may name a default team; otherwise the
 * first team. (Issue 4 adds ordered rules on intent, language, reason, attributes, hours.)
 */
export function chooseTeam(teams: TeamRow[], policy: { defaultTeamId?: string | null }): RoutingDecision {
  const preferred = teams.find((t) => t.id === policy.defaultTeamId);
  if (preferred) return { teamId: preferred.id, teamName: preferred.name, why: 'workspace default team' };
  const first = teams[0];
  if (first) return { teamId: first.id, teamName: first.name, why: 'only team available' };
  return { teamId: null, teamName: null, why: 'no teams: workspace-wide queue' };
}
