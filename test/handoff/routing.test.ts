import { describe, expect, it } from 'vitest';
import { decideRoute, type RoutingAgent, type RoutingInput, type RoutingTeam } from '../../src/handoff/routing/engine.ts';
import { isOpen } from '../../src/handoff/routing/hours.ts';
import type { RoutingRule } from '../../src/handoff/routing/schema.ts';

// The routing decision as a pure function: each case checks where it went and the reason recorded.
const agent = (id: string, o: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  name: id,
  role: 'agent',
  status: 'online',
  skills: [],
  languages: [],
  capacity: 3,
  load: 0,
  ...o,
});
const team = (id: string, memberIds: string[], o: Partial<RoutingTeam> = {}): RoutingTeam => ({
  id,
  name: id,
  skills: [],
  slaSeconds: 60,
  fallbackTeamId: null,
  memberIds,
  ...o,
});
const rule = (position: number, o: Partial<RoutingRule> & Pick<RoutingRule, 'target'>): RoutingRule => ({
  id: `r${position}`,
  position,
  name: `rule${position}`,
  enabled: true,
  conditions: {},
  priority: null,
  skills: [],
  ...o,
});
const input = (o: Partial<RoutingInput> = {}, h: Partial<RoutingInput['handoff']> = {}): RoutingInput => ({
  rules: [],
  teams: [team('support', ['ann', 'bob'])],
  agents: [agent('ann'), agent('bob')],
  handoff: {
    intent: null,
    language: 'en',
    channel: 'widget',
    reasons: ['customer_requested'],
    customer: { tier: null, plan: null, vip: false },
    sentiment: 0,
    ...h,
  },
  policy: { defaultTeamId: null, businessHours: null },
  now: new Date('2026-03-02T10:00:00Z'), // a Monday
  lastHelperId: null,
  currentPriority: 'normal',
  ...o,
});

describe('routing decision', () => {
  it('offers to the least-loaded online agent, and says so', () => {
    const d = decideRoute(input({ agents: [agent('ann', { load: 2 }), agent('bob', { load: 1 })] }));
    expect(d).toMatchObject({ team_id: 'support', agent_id: 'bob', assignment: 'least_loaded', available: true, on_shift: true });
    expect(d.why).toContain('least loaded');
    expect(d.why).toContain('first team support');
  });

  it('requires the rule’s skills and the conversation’s language', () => {
    const rules = [rule(0, { target: { type: 'team', team_id: 'support' }, skills: ['billing'] })];
    const agents = [
      agent('ann', { skills: ['billing'], languages: ['fr'] }),
      agent('bob', { skills: [] }),
      agent('cy', { skills: ['billing'], languages: ['en', 'fr'], load: 2 }),
    ];
    const d = decideRoute(input({ rules, agents, teams: [team('support', ['ann', 'bob', 'cy'])] }));
    expect(d.agent_id).toBe('cy');
    expect(d.candidates.find((c) => c.agent_id === 'ann')?.note).toBe('does not speak en');
    expect(d.candidates.find((c) => c.agent_id === 'bob')?.note).toBe('lacks skill billing');
  });

  it('skips agents at capacity, offline or viewers; queues when everyone online is busy', () => {
    const agents = [agent('ann', { load: 3 }), agent('bob', { status: 'away' }), agent('vi', { role: 'viewer' })];
    const d = decideRoute(input({ agents, teams: [team('support', ['ann', 'bob', 'vi'])] }));
    expect(d).toMatchObject({ agent_id: null, available: false, on_shift: true, assignment: 'none' });
    expect(d.candidates.map((c) => c.note)).toEqual(['at capacity (3/3)', 'away', 'viewer']);
    expect(d.why).toContain('waits in the queue');
  });

  it('sticks to the agent who helped this customer before, when they can take it', () => {
    const agents = [agent('ann', { load: 0 }), agent('bob', { load: 2 })];
    expect(decideRoute(input({ agents, lastHelperId: 'bob' }))).toMatchObject({ agent_id: 'bob', assignment: 'sticky' });
    const busy = [agent('ann'), agent('bob', { load: 3 })];
    expect(decideRoute(input({ agents: busy, lastHelperId: 'bob' }))).toMatchObject({ agent_id: 'ann', assignment: 'least_loaded' });
  });

  it('takes the first matching rule in order and records why the others did not match', () => {
    const teams = [team('support', ['ann']), team('vip', ['bob']), team('french', ['cy'])];
    const agents = [agent('ann'), agent('bob'), agent('cy')];
    const rules = [
      rule(0, { conditions: { languages: ['fr'] }, target: { type: 'team', team_id: 'french' } }),
      rule(1, { conditions: { customer: { vip: true } }, target: { type: 'team', team_id: 'vip' }, priority: 'urgent' }),
      rule(2, { conditions: { customer: { vip: true } }, target: { type: 'team', team_id: 'support' } }),
    ];
    const d = decideRoute(input({ rules, teams, agents }, { customer: { tier: 'gold', plan: null, vip: true } }));
    expect(d).toMatchObject({
      rule: { id: 'r1' },
      team_id: 'vip',
      agent_id: 'bob',
      priority: 'urgent',
      priority_why: 'set by rule "rule1"',
    });
    expect(d.steps[1]).toBe('rule 1 "rule0": no match (language en not in [fr])');
    expect(d.steps[2]).toBe('rule 2 "rule1": matches');
    // Reordered, the other rule wins.
    const d2 = decideRoute(
      input(
        { rules: [rules[2]!, rules[1]!].map((r, i) => ({ ...r, position: i })), teams, agents },
        { customer: { tier: null, plan: null, vip: true } },
      ),
    );
    expect(d2.team_id).toBe('support');
  });

  it('matches intent, reason, channel, tier and plan; a disabled rule is skipped', () => {
    const teams = [team('support', ['ann']), team('billing', ['bob'])];
    const agents = [agent('ann'), agent('bob')];
    const target = { type: 'team' as const, team_id: 'billing' };
    const h = {
      intent: 'refunds',
      reasons: ['negative_sentiment' as const],
      channel: 'api',
      customer: { tier: 'gold', plan: 'pro', vip: false },
    };
    const match = (conditions: RoutingRule['conditions'], enabled = true) =>
      decideRoute(input({ rules: [rule(0, { conditions, target, enabled })], teams, agents }, h)).team_id;
    expect(match({ intents: ['refunds'] })).toBe('billing');
    expect(match({ intents: ['shipping'] })).not.toBe('billing');
    expect(match({ reasons: ['negative_sentiment', 'policy'] })).toBe('billing');
    expect(match({ reasons: ['policy'] })).not.toBe('billing');
    expect(match({ channels: ['api'], customer: { tier: ['gold'], plan: ['pro'] } })).toBe('billing');
    expect(match({ customer: { plan: ['free'] } })).not.toBe('billing');
    expect(match({ intents: ['refunds'] }, false)).not.toBe('billing');
  });

  it('sends a named agent’s handoff to the fallback team when the agent cannot take it', () => {
    const teams = [team('support', ['ann']), team('tier2', ['bob'])];
    const rules = [rule(0, { target: { type: 'agent', agent_id: 'bob', fallback_team_id: 'support' } })];
    expect(decideRoute(input({ rules, teams, agents: [agent('ann'), agent('bob')] }))).toMatchObject({
      target: 'agent',
      agent_id: 'bob',
      assignment: 'named_agent',
    });
    const d = decideRoute(input({ rules, teams, agents: [agent('ann'), agent('bob', { status: 'offline' })] }));
    expect(d).toMatchObject({ target: 'team', team_id: 'support', agent_id: 'ann' });
    expect(d.why).toContain('unavailable: offline');
  });

  it('overflows at once to the fallback team when nobody in the team is available, and sets an SLA otherwise', () => {
    const teams = [team('l1', ['ann'], { fallbackTeamId: 'l2', slaSeconds: 90 }), team('l2', ['bob'])];
    const rules = [rule(0, { target: { type: 'team', team_id: 'l1' } })];
    const free = decideRoute(input({ rules, teams, agents: [agent('ann'), agent('bob')] }));
    expect(free).toMatchObject({ team_id: 'l1', agent_id: 'ann', sla: { seconds: 90, fallback_team_id: 'l2' } });
    const d = decideRoute(input({ rules, teams, agents: [agent('ann', { status: 'offline' }), agent('bob')] }));
    expect(d).toMatchObject({ team_id: 'l2', agent_id: 'bob', sla: null });
    expect(d.why).toContain('overflow to l2');
  });

  it('finds nobody on shift outside business hours or with nobody online', () => {
    const businessHours = { timezone: 'Europe/Paris', days: { mon: [['09:00', '12:00'] as [string, string]] }, holidays: [] };
    const open = decideRoute(input({ policy: { defaultTeamId: null, businessHours } })); // 11:00 in Paris
    expect(open.on_shift).toBe(true);
    const closed = decideRoute(input({ policy: { defaultTeamId: null, businessHours }, now: new Date('2026-03-02T12:30:00Z') }));
    expect(closed).toMatchObject({ on_shift: false, available: false, agent_id: null });
    expect(closed.why).toContain('outside business hours');
    const nobody = decideRoute(input({ agents: [agent('ann', { status: 'offline' }), agent('bob', { status: 'away' })] }));
    expect(nobody).toMatchObject({ on_shift: false });
    expect(nobody.why).toContain('nobody on shift');
    expect(isOpen({ ...businessHours, holidays: ['2026-03-02'] }, new Date('2026-03-02T10:00:00Z')).open).toBe(false);
  });

  it('raises priority for sensitive topics, negative sentiment and VIPs', () => {
    expect(decideRoute(input({}, { reasons: ['sensitive_topic'] })).priority).toBe('urgent');
    expect(decideRoute(input({}, { reasons: ['low_confidence'], sentiment: -0.8 })).priority).toBe('high');
    expect(decideRoute(input({}, { customer: { tier: null, plan: null, vip: true } }))).toMatchObject({
      priority: 'high',
      priority_why: 'VIP customer',
    });
    expect(decideRoute(input()).priority).toBe('normal');
  });
});
