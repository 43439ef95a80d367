import { describe, expect, it } from 'vitest';
import { hasMacroFields, renderMacro } from './macro-fields.ts';

describe('renderMacro', () => {
  it('fills the customer and the agent, "there" for an unknown customer greeted', () => {
    expect(renderMacro("Hi {{customer.name}}, I'm {{ agent.name }}.", { customerName: 'Pia', agentName: 'Ada' })).toBe("Hi Pia, I'm Ada.");
    expect(renderMacro('Hi {{customer.name}}, your refund is on its way.', { customerName: null, agentName: null })).toBe(
      'Hi there, your refund is on its way.',
    );
  });
  it('drops an unknown name after a comma with its comma', () => {
    const body = 'Is there anything else I can help you with today, {{customer.name}}?';
    expect(renderMacro(body, { customerName: null, agentName: null })).toBe('Is there anything else I can help you with today?');
    expect(renderMacro(body, { customerName: ' ', agentName: null })).toBe('Is there anything else I can help you with today?');
    expect(renderMacro(body, { customerName: 'Pia', agentName: null })).toBe('Is there anything else I can help you with today, Pia?');
    expect(hasMacroFields(body)).toBe(true);
    expect(hasMacroFields('Hi Pia')).toBe(false);
  });
});
