import { describe, expect, it } from 'vitest';
import { aggregate, asksNothing, conversationFacts, knowledgeGaps } from './metrics.ts';
import type { ScopeConversation, ScopeHandoff, ScopeMessage } from '../db/repositories/analytics.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
const at = (s: number) => new Date(T0 + s * 1000);
const conv = (id: string, csat: number | null = null): ScopeConversation => ({
  id,
  created_at: at(0),
  team_id: null,
  intent: null,
  language: 'en',
  csat,
  status: 'resolved',
});
const msg = (
  conversation_id: string,
  author: ScopeMessage['author'],
  text: string,
  s: number,
  action: string | null = null,
): ScopeMessage => ({
  conversation_id,
  author,
  text,
  action,
  created_at: at(s),
});
const handoff = (conversation_id: string, reasons: string[], s: number, brief: Record<string, unknown> = {}): ScopeHandoff => ({
  id: `${conversation_id}-${s}`,
  conversation_id,
  team_id: null,
  reasons,
  brief,
  requested_at: at(s),
  accepted_at: at(s + 10),
  first_agent_reply_at: at(s + 20),
  resolved_at: at(s + 100),
  brief_useful: null,
});

describe('analytics figures', () => {
  it('counts each handoff once under its main reason, so the reasons add up to the handoffs', () => {
    // a: handed off twice (back to the bot in between); b: one handoff with three reasons.
    const a = conversationFacts(
      conv('a'),
      [msg('a', 'customer', 'where is my parcel', 1), msg('a', 'agent', 'on its way', 30), msg('a', 'customer', 'human please', 200)],
      [handoff('a', ['low_confidence'], 2), handoff('a', ['customer_requested'], 201)],
    );
    const b = conversationFacts(
      conv('b'),
      [msg('b', 'customer', 'I want a person, this is useless', 1)],
      [handoff('b', ['customer_requested', 'negative_sentiment', 'repeated_failure'], 2)],
    );
    const m = aggregate([a, b]);
    expect([m.handed_off, m.handoffs]).toEqual([2, 3]);
    expect(m.handoff_reasons).toEqual({ low_confidence: 1, customer_requested: 2 });
    expect(Object.values(m.handoff_reasons).reduce((x, y) => x + y, 0)).toBe(m.handoffs);
    expect(m.handoff_reasons_any).toEqual({ low_confidence: 1, customer_requested: 2, negative_sentiment: 1, repeated_failure: 1 });
  });

  it('splits CSAT by path: the bot alone, people alone, the bot then a person', () => {
    const bot = conversationFacts(conv('bot', 5), [msg('bot', 'customer', 'hours?', 1), msg('bot', 'bot', '9 to 5', 2, 'answer')], []);
    const human = conversationFacts(conv('human', 2), [msg('human', 'customer', 'hello?', 1), msg('human', 'agent', 'Hi!', 5)], []);
    const handed = conversationFacts(
      conv('handed', 4),
      [msg('handed', 'customer', 'refund', 1), msg('handed', 'bot', 'A person will help', 2, 'handoff'), msg('handed', 'agent', 'done', 9)],
      [handoff('handed', ['policy'], 2)],
    );
    expect(aggregate([bot, human, handed]).csat.by_path).toEqual({
      bot: { count: 1, mean: 5 },
      human: { count: 1, mean: 2 },
      handed_off: { count: 1, mean: 4 },
    });
  });

  it('leaves greetings, thanks and junk out of knowledge gaps', () => {
    const items = [
      // Only "hi" before the handoff: nothing was asked, no article would have helped.
      { conversation: conv('g'), handoff: handoff('g', ['low_confidence'], 5), messages: [msg('g', 'customer', 'hi', 1)] },
      { conversation: conv('j'), handoff: handoff('j', ['low_confidence'], 5), messages: [msg('j', 'customer', 'asdfasdf !!!', 1)] },
      // A question then "thanks": the question is the example.
      {
        conversation: conv('q'),
        handoff: handoff('q', ['low_confidence'], 5, { intent: { id: 'gift-cards', title: 'Gift cards' } }),
        messages: [
          msg('q', 'customer', 'Hello', 1),
          msg('q', 'customer', 'can I use two gift cards at once?', 2),
          msg('q', 'customer', 'thanks!', 3),
        ],
      },
    ];
    expect(knowledgeGaps(items)).toEqual([
      { topic: 'Gift cards', intent_id: 'gift-cards', handoffs: 1, mean_confidence: null, examples: ['can I use two gift cards at once?'] },
    ]);
  });
});

// What the knowledge-gap report leaves out of its example questions: lines no article could answer.
describe('a line that asks nothing', () => {
  it.each(['hi', 'thanks!', 'asdfghjkl', 'I have a question about my order', 'hola, tengo un problema con mi pedido'])('"%s"', (text) =>
    expect(asksNothing(text)).toBe(true),
  );
  it.each(['Why was I charged twice for my plan?', 'I have a question about shipping to Norway', 'still stuck'])('not "%s"', (text) =>
    expect(asksNothing(text)).toBe(false),
  );
});
