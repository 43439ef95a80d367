import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/repositories/executor.ts';
import { listTeams } from '../db/repositories/agents.ts';
import { updateTeam } from '../db/repositories/admin.ts';
import { insertRule, listRuleRows } from '../db/repositories/routing.ts';
import { findWorkspace, updateWorkspacePolicy } from '../db/repositories/workspaces.ts';
import { readPolicy } from './policy.ts';

// The demo's routing: whoever logs in first gets the handoffs. Billing questions go to Billing,
// everything else to Support, and each team falls back to the other when nobody in it is online,
// so one person trying the demo (in either team) receives every handoff.

/** The demo knowledge's money questions (demo/knowledge.jsonl and bench/retail/kb.jsonl article ids). */
export const DEMO_BILLING_INTENTS = [
  'refund-policy',
  'cancel-subscription',
  'payment-methods',
  'invoice',
  'discount-codes',
  'gift-cards',
  'change-order-payment',
];

/** Long enough that a person trying the demo is not overtaken by the SLA overflow while reading a brief. */
const DEMO_SLA_SECONDS = 30 * 60;

/**
 * Seeds the demo's rules, team fallbacks and default team, once: only while the workspace has
 * no rules and no default team (a demo seeded before this existed gets them on its next start;
 * an admin's own choices are kept). Returns whether it changed anything.
 */
export async function ensureDemoRouting(db: Executor, workspaceId: string): Promise<boolean> {
  const [workspace, rules, teams] = await Promise.all([
    findWorkspace(db, workspaceId),
    listRuleRows(db, workspaceId),
    listTeams(db, workspaceId),
  ]);
  const policy = readPolicy(workspace?.policy);
  const support = teams.find((t) => t.name === 'Support');
  const billing = teams.find((t) => t.name === 'Billing');
  if (!workspace || rules.length > 0 || policy.defaultTeamId || !support || !billing) return false;
  await updateTeam(db, workspaceId, billing.id, { fallbackTeamId: support.id, slaSeconds: DEMO_SLA_SECONDS });
  await updateTeam(db, workspaceId, support.id, { fallbackTeamId: billing.id, slaSeconds: DEMO_SLA_SECONDS });
  const rule = (position: number, name: string, conditions: object, teamId: string) =>
    insertRule(db, {
      id: randomUUID(),
      workspaceId,
      position,
      name,
      enabled: true,
      conditions,
      target: { type: 'team', team_id: teamId },
      skills: [],
      priority: null,
    });
  await rule(0, 'Billing questions to Billing', { intents: DEMO_BILLING_INTENTS }, billing.id);
  await rule(1, 'Everything else to Support', {}, support.id);
  const stored = (workspace.policy ?? {}) as Record<string, unknown>;
  await updateWorkspacePolicy(db, workspaceId, { ...stored, defaultTeamId: support.id });
  return true;
}
