import { describe, expect, it } from 'vitest';
import { afterAnotherTopic, halfOf, smallIntentSet, travelReport, type ClincData } from './travel.ts';
import type { Ticket } from '../../src/engine/eval/tickets.ts';
import type { Article } from '../../src/engine/types.ts';

const ask = (id: string, text: string, article?: string): Ticket => ({
  id,
  messages: [{ role: 'customer', text }],
  expected: article ? { outcome: 'answer', article } : { outcome: 'handoff' },
});
const articles: Article[] = [
  { id: 'refunds', title: 'Refunds', body: 'Refunds take five days to reach your card.' },
  { id: 'hours', title: 'Opening hours', body: 'We are open nine to five on weekdays.' },
];
const byId = new Map(articles.map((a) => [a.id, a]));

describe('travel bench', () => {
  it('splits sorted ids into even (development) and odd (held-out) positions', () => {
    const ts = ['c', 'a', 'd', 'b'].map((id) => ask(id, id));
    expect(halfOf(ts, true).map((t) => t.id)).toEqual(['c', 'a']);
    expect(halfOf(ts, false).map((t) => t.id)).toEqual(['d', 'b']);
  });

  it('puts an answered exchange on another article before each single-turn question', () => {
    const ts = [
      ask('1', 'how long do refunds take?', 'refunds'),
      ask('2', 'when are you open?', 'hours'),
      ask('3', 'do you sell gift cards?'),
    ];
    const out = afterAnotherTopic(ts, byId);
    expect(out[0].context).toEqual([
      { role: 'customer', text: 'when are you open?' },
      { role: 'agent', text: 'From “Opening hours”: We are open nine to five on weekdays.' },
    ]);
    expect(out[1].context?.[0].text).toBe('how long do refunds take?');
    // An unanswerable question gets an earlier topic too; the messages and labels are unchanged.
    expect(out[2].context?.[1].text).toMatch(/^From “/);
    expect(out.map((t) => [t.messages, t.expected])).toEqual(ts.map((t) => [t.messages, t.expected]));
  });

  it('leaves tickets that already carry a conversation alone', () => {
    const follow = { ...ask('4', 'and for kids?', 'hours'), context: [{ role: 'customer' as const, text: 'when are you open?' }] };
    const ts = [ask('1', 'how long do refunds take?', 'refunds'), ask('2', 'when are you open?', 'hours'), follow];
    expect(afterAnotherTopic(ts, byId)[2]).toBe(follow);
  });

  it('reports the spread of held-out precision around the target', () => {
    const row = (set: string, precision: number) => ({
      set,
      part: 'held-out' as const,
      mode: 'single' as const,
      tickets: 10,
      threshold: 0.5,
      resolution: 0.5,
      precision,
    });
    expect(travelReport([row('a', 0.9), row('b', 0.98)])).toContain('precision 0.900-0.980 (spread 0.080), mean |precision - 0.95| 0.040');
  });

  it('builds small intent knowledge from the training split, with the other intents and out-of-scope questions to hand off', () => {
    const data: ClincData = {
      train: [
        ['what is my balance', 'balance'],
        ['how much money do i have', 'balance'],
        ['tell me my balance please', 'balance'],
        ['freeze my account', 'freeze'],
        ['play some jazz', 'music'],
      ],
      val: [
        ['balance please', 'balance'],
        ['play a song', 'music'],
        ['put on the radio', 'music'],
        ['lock my account', 'freeze'],
      ],
      test: [['my balance?', 'balance']],
      oos_val: [['what is the meaning of life', 'oos']],
      oos_test: [['how tall is everest', 'oos']],
    };
    const set = smallIntentSet(data, ['balance', 'freeze'], 2, 2);
    expect(set.articles.map((a) => [a.id, a.title, a.examples])).toEqual([
      ['balance', 'Balance', ['what is my balance', 'how much money do i have']],
      ['freeze', 'Freeze', ['freeze my account']],
    ]);
    // The other intents' questions, one in two, and every out-of-scope one expect a person.
    expect(set.dev.map((t) => [t.messages[0].text, t.expected])).toEqual([
      ['balance please', { outcome: 'answer', article: 'balance' }],
      ['play a song', { outcome: 'handoff' }],
      ['lock my account', { outcome: 'answer', article: 'freeze' }],
      ['what is the meaning of life', { outcome: 'handoff' }],
    ]);
    expect(new Set(set.dev.map((t) => t.id)).size).toBe(set.dev.length);
    expect(set.heldOut.map((t) => t.messages[0].text)).toEqual(['my balance?', 'how tall is everest']);
  });
});
