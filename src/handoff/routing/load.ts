import type { ConversationRow, CustomerRow, Priority } from '../../db/schema.ts';
import type { HandoffReason } from '../../engine/types.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { listAgents, listTeams } from '../../db/repositories/agents.ts';
import { agentLoads, lastHelper, listRuleRows, teamMembers } from '../../db/repositories/routing.ts';
import { readPolicy } from '../../workspaces/policy.ts';
import type { RoutingInput } from './engine.ts';
import { RuleConditions, RuleTarget, type RoutingRule } from './schema.ts';
import type { RoutingRuleRow } from '../../db/schema.ts';

/** A stored rule, re-validated: a row that no longer parses is skipped (and says so) rather than breaking routing. */
export function toRule(row: RoutingRuleRow): RoutingRule | null {
  const conditions = RuleConditions.safeParse(row.conditions);
  const target = RuleTarget.safeParse(row.target);
  if (!conditions.success || !target.success) return null;
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    enabled: row.enabled,
    conditions: conditions.data,
    target: target.data,
    priority: row.priority,
    skills: row.skills ?? [],
  };
}

/** Reads everything routing decides on, inside the handoff's transaction. */
export async function loadRoutingInput(
  db: Executor,
  args: {
    conversation: ConversationRow;
    customer: CustomerRow;
    reasons: HandoffReason[];
    intent: string | null;
    sentiment: number | null;
    policy: unknown;
    now?: Date;
  },
): Promise<RoutingInput> {
  const { conversation, customer } = args;
  const ws = conversation.workspace_id;
  const [ruleRows, teams, members, agents, loads, helper] = await Promise.all([
    listRuleRows(db, ws),
    listTeams(db, ws),
    teamMembers(db, ws),
    listAgents(db, ws),
    agentLoads(db, ws),
    lastHelper(db, ws, customer.id, conversation.id),
  ]);
  const policy = readPolicy(args.policy);
  const attrs = customer.attributes ?? {};
  return {
    rules: ruleRows.map(toRule).filter((r): r is RoutingRule => r !== null),
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      skills: t.skills,
      slaSeconds: t.sla_seconds,
      fallbackTeamId: t.fallback_team_id,
      memberIds: members.get(t.id) ?? [],
    })),
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      role: a.role,
      status: a.status,
      skills: a.skills,
      languages: a.languages,
      capacity: a.capacity,
      load: loads.get(a.id) ?? 0,
    })),
    handoff: {
      intent: args.intent ?? conversation.intent,
      language: conversation.language,
      channel: conversation.channel,
      reasons: args.reasons,
      customer: {
        tier: typeof attrs.tier === 'string' ? attrs.tier : null,
        plan: typeof attrs.plan === 'string' ? attrs.plan : null,
        vip: attrs.vip === true || attrs.vip === 'true',
      },
      sentiment: args.sentiment,
    },
    policy: { defaultTeamId: policy.defaultTeamId, businessHours: policy.businessHours },
    now: args.now ?? new Date(),
    lastHelperId: helper,
    currentPriority: conversation.priority as Priority,
  };
}
