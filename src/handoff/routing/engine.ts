import type { AgentStatus, Priority, Role } from '../../db/schema.ts';
import type { HandoffReason } from '../../engine/types.ts';
import type { BusinessHours } from '../../workspaces/policy.ts';
import { isOpen } from './hours.ts';
import type { RoutingRule, RuleConditions } from './schema.ts';

// The routing decision, as a pure function of what the database said: which rule matched,
// where the handoff goes, to whom it is offered, at what priority, and why. Stored with the
// handoff (handoffs.routing), written as a routing.decided event and shown in the brief.

export interface RoutingAgent {
  id: string;
  name: string;
  role: Role;
  status: AgentStatus;
  skills: string[];
  languages: string[];
  capacity: number;
  /** Open conversations held or offered. */
  load: number;
}

export interface RoutingTeam {
  id: string;
  name: string;
  skills: string[];
  slaSeconds: number;
  fallbackTeamId: string | null;
  memberIds: string[];
}

export interface RoutingInput {
  rules: RoutingRule[];
  teams: RoutingTeam[];
  agents: RoutingAgent[];
  handoff: {
    intent: string | null;
    language: string | null;
    channel: string;
    reasons: HandoffReason[];
    customer: { tier: string | null; plan: string | null; vip: boolean };
    /** In [-1, 1], when the bot measured it. */
    sentiment: number | null;
  };
  policy: { defaultTeamId: string | null; businessHours: BusinessHours | null };
  now: Date;
  /** The agent who last replied to this customer, for stickiness. */
  lastHelperId: string | null;
  currentPriority: Priority;
  /** Skip the rules and route to this team (SLA overflow to a fallback team). */
  forceTeam?: { id: string; why: string };
}

export interface CandidateNote {
  agent_id: string;
  name: string;
  eligible: boolean;
  /** Why not, when not eligible; the load otherwise. */
  note: string;
}

export interface RoutingDecision {
  version: 1;
  rule: { id: string; name: string; position: number } | null;
  target: 'team' | 'agent' | 'queue';
  team_id: string | null;
  team_name: string | null;
  agent_id: string | null;
  agent_name: string | null;
  /** How the agent was picked: the customer's previous agent, the least loaded, a rule's named agent, or nobody. */
  assignment: 'sticky' | 'least_loaded' | 'named_agent' | 'none';
  priority: Priority;
  priority_why: string;
  business_hours: { open: boolean; why: string };
  /** Offered to someone who can take it now. */
  available: boolean;
  /** Someone is on shift (open hours, an agent online in the team or its fallbacks). When false the
   * customer is told and asked for an e-mail (awaiting_customer); when true but nobody is free, it waits queued. */
  on_shift: boolean;
  required: { skills: string[]; language: string | null };
  /** A timer to move it to the fallback team if nobody accepts in time. */
  sla: { seconds: number; fallback_team_id: string } | null;
  /** One sentence an agent or admin can read. */
  why: string;
  /** Each step of the evaluation, in order. */
  steps: string[];
  candidates: CandidateNote[];
  decided_at: string;
}

const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const maxPriority = (a: Priority, b: Priority): Priority => (PRIORITY_RANK[a] >= PRIORITY_RANK[b] ? a : b);

/** Why a rule does not match, or null when it does. */
export function ruleMismatch(c: RuleConditions, h: RoutingInput['handoff'], open: boolean): string | null {
  if (c.intents && !(h.intent && c.intents.includes(h.intent))) return `intent ${h.intent ?? 'unknown'} not in [${c.intents.join(', ')}]`;
  if (c.languages && !(h.language && c.languages.includes(h.language)))
    return `language ${h.language ?? 'unknown'} not in [${c.languages.join(', ')}]`;
  if (c.reasons && !c.reasons.some((r) => h.reasons.includes(r)))
    return `reasons [${h.reasons.join(', ')}] not in [${c.reasons.join(', ')}]`;
  if (c.channels && !c.channels.includes(h.channel)) return `channel ${h.channel} not in [${c.channels.join(', ')}]`;
  if (c.customer?.tier && !(h.customer.tier && c.customer.tier.includes(h.customer.tier)))
    return `customer tier ${h.customer.tier ?? 'none'} not in [${c.customer.tier.join(', ')}]`;
  if (c.customer?.plan && !(h.customer.plan && c.customer.plan.includes(h.customer.plan)))
    return `customer plan ${h.customer.plan ?? 'none'} not in [${c.customer.plan.join(', ')}]`;
  if (c.customer?.vip !== undefined && c.customer.vip !== h.customer.vip) return `customer vip is ${h.customer.vip}`;
  if (c.business_hours && c.business_hours !== (open ? 'open' : 'closed')) return `business hours are ${open ? 'open' : 'closed'}`;
  return null;
}

/** Whether an agent can take this handoff now, and if not, why. */
export function eligibility(a: RoutingAgent, need: { skills: string[]; language: string | null }): string | null {
  if (a.role === 'viewer') return 'viewer';
  if (a.status !== 'online') return a.status;
  const missing = need.skills.filter((s) => !a.skills.includes(s));
  if (missing.length) return `lacks skill ${missing.join(', ')}`;
  // An agent who lists no languages has not restricted them.
  if (need.language && a.languages.length > 0 && !a.languages.includes(need.language)) return `does not speak ${need.language}`;
  if (a.load >= a.capacity) return `at capacity (${a.load}/${a.capacity})`;
  return null;
}

/** Picks from a pool: the customer's previous agent when eligible, else the least loaded. */
export function pickAgent(
  pool: RoutingAgent[],
  need: { skills: string[]; language: string | null },
  lastHelperId: string | null,
): { agent: RoutingAgent | null; how: 'sticky' | 'least_loaded' | 'none'; candidates: CandidateNote[] } {
  const candidates: CandidateNote[] = pool.map((a) => {
    const why = eligibility(a, need);
    return { agent_id: a.id, name: a.name, eligible: why === null, note: why ?? `load ${a.load}/${a.capacity}` };
  });
  const eligible = pool.filter((a, i) => candidates[i]!.eligible);
  const sticky = lastHelperId ? eligible.find((a) => a.id === lastHelperId) : undefined;
  if (sticky) return { agent: sticky, how: 'sticky', candidates };
  const sorted = [...eligible].sort(
    (x, y) =>
      x.load - y.load ||
      x.load / Math.max(1, x.capacity) - y.load / Math.max(1, y.capacity) ||
      x.name.localeCompare(y.name) ||
      x.id.localeCompare(y.id),
  );
  return sorted[0] ? { agent: sorted[0], how: 'least_loaded', candidates } : { agent: null, how: 'none', candidates };
}

function computePriority(input: RoutingInput): { priority: Priority; why: string } {
  const h = input.handoff;
  let priority: Priority = input.currentPriority;
  const why: string[] = [];
  if (h.reasons.includes('sensitive_topic')) {
    priority = maxPriority(priority, 'urgent');
    why.push('sensitive topic');
  }
  if (h.reasons.includes('negative_sentiment') || (h.sentiment !== null && h.sentiment <= -0.5)) {
    priority = maxPriority(priority, 'high');
    why.push('negative sentiment');
  }
  if (h.reasons.includes('repeated_failure')) {
    priority = maxPriority(priority, 'high');
    why.push('the bot failed repeatedly');
  }
  if (h.customer.vip) {
    priority = maxPriority(priority, 'high');
    why.push('VIP customer');
  }
  return { priority, why: why.length ? why.join(', ') : `kept ${priority}` };
}

export function decideRoute(input: RoutingInput): RoutingDecision {
  const steps: string[] = [];
  const hours = isOpen(input.policy.businessHours, input.now);
  steps.push(`business hours: ${hours.why}`);
  const teamsById = new Map(input.teams.map((t) => [t.id, t]));
  const agentsById = new Map(input.agents.map((a) => [a.id, a]));

  // 1. The first enabled rule that matches.
  let rule: RoutingRule | null = null;
  for (const r of input.forceTeam ? [] : input.rules) {
    if (!r.enabled) {
      steps.push(`rule ${r.position + 1} "${r.name}": disabled`);
      continue;
    }
    const miss = ruleMismatch(r.conditions, input.handoff, hours.open);
    if (miss) {
      steps.push(`rule ${r.position + 1} "${r.name}": no match (${miss})`);
      continue;
    }
    steps.push(`rule ${r.position + 1} "${r.name}": matches`);
    rule = r;
    break;
  }

  // 2. Its target, or the default when no rule matched.
  let target: RoutingDecision['target'];
  let team: RoutingTeam | null = null;
  let namedAgent: RoutingAgent | null = null;
  let whyTarget: string;
  const forced = input.forceTeam ? (teamsById.get(input.forceTeam.id) ?? null) : null;
  if (input.forceTeam) {
    rule = null;
    team = forced;
    target = team ? 'team' : 'queue';
    whyTarget = input.forceTeam.why;
    steps.push(whyTarget);
  } else if (rule) {
    const t = rule.target;
    if (t.type === 'team') {
      team = teamsById.get(t.team_id) ?? null;
      target = team ? 'team' : 'queue';
      whyTarget = team
        ? `rule "${rule.name}" sends it to ${team.name}`
        : `rule "${rule.name}" names a team that no longer exists: workspace queue`;
    } else if (t.type === 'agent') {
      namedAgent = agentsById.get(t.agent_id) ?? null;
      team = t.fallback_team_id ? (teamsById.get(t.fallback_team_id) ?? null) : null;
      target = 'agent';
      whyTarget = `rule "${rule.name}" names ${namedAgent?.name ?? 'an agent who no longer exists'}`;
    } else {
      target = 'queue';
      whyTarget = `rule "${rule.name}" sends it to the workspace queue`;
    }
  } else {
    const bySkill = input.handoff.intent ? input.teams.find((t) => t.skills.includes(input.handoff.intent!)) : undefined;
    const byDefault = input.policy.defaultTeamId ? teamsById.get(input.policy.defaultTeamId) : undefined;
    team = bySkill ?? byDefault ?? input.teams[0] ?? null;
    target = team ? 'team' : 'queue';
    whyTarget = bySkill
      ? `no rule matched; ${bySkill.name} has the skill ${input.handoff.intent}`
      : byDefault
        ? `no rule matched; workspace default team ${byDefault.name}`
        : team
          ? `no rule matched; first team ${team.name}`
          : 'no rule matched and no teams: workspace queue';
    steps.push(whyTarget);
  }

  const need = { skills: rule?.skills ?? [], language: input.handoff.language };
  const { priority, why: priorityWhy } = rule?.priority
    ? { priority: rule.priority, why: `set by rule "${rule.name}"` }
    : computePriority(input);

  // 3. Whom to offer it to.
  let agent: RoutingAgent | null = null;
  let assignment: RoutingDecision['assignment'] = 'none';
  let candidates: CandidateNote[] = [];
  let whyAgent = '';
  let onShift = false;
  if (!hours.open) {
    whyAgent = 'outside business hours: nobody on shift';
  } else if (target === 'agent' && namedAgent && eligibility(namedAgent, { skills: [], language: null }) === null) {
    agent = namedAgent;
    onShift = true;
    assignment = 'named_agent';
    whyAgent = `offered to ${namedAgent.name}`;
  } else {
    if (target === 'agent') {
      const why = namedAgent ? eligibility(namedAgent, { skills: [], language: null }) : 'unknown agent';
      steps.push(`named agent unavailable (${why}); ${team ? `falling back to ${team.name}` : 'falling back to the workspace queue'}`);
      whyTarget += ` (unavailable: ${why})`;
    }
    // Walk the team, then its fallbacks, until someone can take it.
    const seen = new Set<string>();
    let current: RoutingTeam | null = team;
    for (;;) {
      const pool: RoutingAgent[] = current
        ? current.memberIds.map((id) => agentsById.get(id)).filter((a): a is RoutingAgent => !!a)
        : input.agents;
      const picked = pickAgent(pool, need, input.lastHelperId);
      candidates = picked.candidates;
      onShift ||= pool.some((a) => a.role !== 'viewer' && a.status === 'online');
      steps.push(
        `${current ? current.name : 'workspace queue'}: ${picked.candidates.map((c) => `${c.name} ${c.eligible ? 'ok' : 'no'} (${c.note})`).join('; ') || 'no members'}`,
      );
      if (picked.agent) {
        if (current !== team) {
          whyTarget += `; nobody available in ${team?.name ?? 'the queue'}, overflow to ${current?.name ?? 'the workspace queue'}`;
          team = current;
        }
        agent = picked.agent;
        assignment = picked.how;
        whyAgent =
          picked.how === 'sticky'
            ? `offered to ${agent.name}, who helped this customer before`
            : `offered to ${agent.name}, least loaded of ${picked.candidates.filter((c) => c.eligible).length} available (${agent.load}/${agent.capacity})`;
        break;
      }
      if (!current) break;
      seen.add(current.id);
      const next: RoutingTeam | null = current.fallbackTeamId ? (teamsById.get(current.fallbackTeamId) ?? null) : null;
      if (!next || seen.has(next.id)) break;
      steps.push(`nobody available in ${current.name}: trying fallback ${next.name}`);
      current = next;
    }
    if (!agent && onShift)
      whyAgent = `nobody free${team ? ` in ${team.name}` : ''} right now (with the skills and language, under capacity): waits in the queue`;
    if (!agent && !onShift) whyAgent = `nobody on shift${team ? ` in ${team.name}` : ''} (no agent online)`;
  }
  if (target === 'agent' && assignment !== 'named_agent') target = team ? 'team' : 'queue';

  const sla =
    team?.fallbackTeamId && hours.open && team.fallbackTeamId !== team.id
      ? { seconds: team.slaSeconds, fallback_team_id: team.fallbackTeamId }
      : null;
  steps.push(`priority ${priority}: ${priorityWhy}`);
  return {
    version: 1,
    rule: rule ? { id: rule.id, name: rule.name, position: rule.position } : null,
    target,
    team_id: team?.id ?? null,
    team_name: team?.name ?? null,
    agent_id: agent?.id ?? null,
    agent_name: agent?.name ?? null,
    assignment,
    priority,
    priority_why: priorityWhy,
    business_hours: hours,
    available: agent !== null,
    on_shift: onShift,
    required: need,
    sla,
    why: `${whyTarget}; ${whyAgent}.`,
    steps,
    candidates,
    decided_at: input.now.toISOString(),
  };
}
