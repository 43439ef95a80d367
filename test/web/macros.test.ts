import { describe, expect, it } from 'vitest';
import { fillMacro } from '../../web/src/macros.ts';

// What an inserted macro puts in the composer: its placeholders filled, nothing in braces left for the customer.
describe('macro placeholders', () => {
  it('fills the customer and the agent', () => {
    expect(fillMacro('Hi {{customer.name}}, {{ agent.name }} here.', { customer: 'Ann', agent: 'Ada' })).toBe('Hi Ann, Ada here.');
  });
  it('greets a customer without a name as "there", and leaves unknown placeholders alone', () => {
    expect(fillMacro('Hi {{customer.name}}! {{order.id}}', { customer: null, agent: 'Ada' })).toBe('Hi there! {{order.id}}');
    // A name after a comma goes with its comma when unknown: not "…with today, there?".
    const anything = 'Is there anything else I can help you with today, {{customer.name}}?';
    expect(fillMacro(anything, { customer: null, agent: null })).toBe('Is there anything else I can help you with today?');
    expect(fillMacro(anything, { customer: 'Pia', agent: null })).toBe('Is there anything else I can help you with today, Pia?');
  });
});
