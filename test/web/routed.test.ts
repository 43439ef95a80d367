import { describe, expect, it } from 'vitest';
import { routedInWords } from '../../web/src/format.ts';

describe('where a handoff was routed, in the brief', () => {
  it('names the rule once: not again when the why names it', () => {
    expect(
      routedInWords({
        team_name: 'Support',
        why: 'rule "Everything else to Support" sends it to Support',
        rule: 'Everything else to Support',
      }),
    ).toEqual({ target: 'Support', why: 'rule "Everything else to Support" sends it to Support', rule: null });
  });
  it('names it when the why is about something else, and the workspace queue when no team took it', () => {
    expect(routedInWords({ team_name: null, agent_name: null, why: 'nobody on shift', rule: 'VIP' })).toEqual({
      target: 'workspace queue',
      why: 'nobody on shift',
      rule: 'VIP',
    });
    expect(routedInWords({ team_name: 'Billing', agent_name: 'Dana', why: null, rule: null }).target).toBe('Billing → Dana');
  });
});
