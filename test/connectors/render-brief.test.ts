import { describe, expect, it } from 'vitest';
import { briefLines } from '../../src/connectors/render.ts';

// The brief as a helpdesk note reads in words too (issue 18): the intent by its title, collected
// details by their labels, redacted values as tokens.
describe('the brief as a helpdesk note', () => {
  const ticket = {
    handoffId: 'h1',
    conversationId: 'c1',
    customer: { id: 'cu1', externalId: null, name: 'Mia', email: null },
    subject: 'Chat handoff: gift-cards',
    transcript: [],
    intent: 'gift-cards',
    confidence: 0.4,
    priority: 'normal' as const,
    team: null,
    reasons: ['customer_requested'],
    tags: [],
  };

  it('names the intent and the details in words', () => {
    const lines = new Map(
      briefLines(ticket, {
        intent: { id: 'gift-cards', title: 'Gift cards', confidence: 0.4 },
        fields: [
          { kind: 'pii_token', label: 'Card number (hidden)', value: '<CARD_1>', message_id: 'm1' },
          { kind: 'order_number', label: 'Order number', value: '48213', message_id: 'm1' },
        ],
      }),
    );
    expect(lines.get('Intent')).toBe('Gift cards (confidence 0.40)');
    expect(lines.get('Details given')).toBe('Card number (hidden): <CARD_1>; Order number: 48213');
  });

  it('falls back to the id and the kind for a brief written before labels', () => {
    const lines = new Map(briefLines(ticket, { fields: [{ kind: 'order_number', value: '48213' }] }));
    expect(lines.get('Intent')).toBe('gift-cards (confidence 0.40)');
    expect(lines.get('Details given')).toBe('order_number: 48213');
  });
});
