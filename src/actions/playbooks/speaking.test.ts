import { describe, expect, it } from 'vitest';
import { actionsConfigSchema } from '../config.ts';
import { speakingLanguage } from './speaking.ts';

const shop = (ask: unknown, reply: unknown) =>
  actionsConfigSchema.parse({
    tools: [],
    playbooks: [
      {
        id: 'status',
        title: 'Order status',
        identity: 'none',
        trigger: { articles: ['status'] },
        slots: [{ name: 'order_id', ask, recognise: [{ type: 'pattern', pattern: '#?W\\d{7}' }] }],
        steps: [
          { do: 'ask', slot: 'order_id' },
          { do: 'reply', text: reply },
        ],
      },
    ],
  });

describe('the language the runner speaks', () => {
  it("is the conversation's where the workspace wrote its texts in it", () => {
    const both = shop(
      { en: 'Which order is it?', de: 'Um welche Bestellung geht es?' },
      { en: 'Order {order_id} is on its way.', de: 'Bestellung {order_id} ist unterwegs.' },
    );
    expect(speakingLanguage(both, 'de')).toBe('de');
    expect(speakingLanguage(both, 'de-AT')).toBe('de');
    expect(speakingLanguage(both, 'en')).toBe('en');
  });
  it('is the language of the texts otherwise: an English-only shop answers a German customer in English, a German-only one in German', () => {
    const english = shop('Which order is it about? The number starts with #W.', 'Order {order_id} is on its way to you now.');
    expect(speakingLanguage(english, 'de')).toBe('en');
    const german = shop(
      'Um welche Bestellung geht es? Die Nummer beginnt mit #W.',
      'Ihre Bestellung {order_id} ist jetzt auf dem Weg zu Ihnen.',
    );
    expect(speakingLanguage(german, 'en')).toBe('de');
    expect(speakingLanguage(german, null)).toBe('de');
    const both = shop({ en: 'Which order is it?', de: 'Um welche Bestellung geht es?' }, 'Order {order_id} is on its way to you now.');
    expect(speakingLanguage(both, 'fr')).toBe('en');
  });
});
