import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createEngine, EmbeddedEngine } from './index.ts';
import type { Article, TurnInput } from './types.ts';
import { suggestedTopics } from './knowledge-model.ts';

// A slice of CLINC150 (the first 12 intents of shared/data, kept in the repo): real example questions.
const clinc: Article[] = readFileSync(new URL('../../test/fixtures/clinc150-12-kb.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };
const turn = (text: string, extra: Partial<TurnInput> = {}): TurnInput => ({ text, history: [], policy, ...extra });

describe('embedded engine', async () => {
  const engine = (await createEngine(clinc)) as EmbeddedEngine;
  const first = clinc[0];

  it('answers an in-scope question with a citation of the right article', async () => {
    const d = await engine.turn(turn(first.examples![0], { policy: { ...policy, confidenceThreshold: 0 } }));
    expect(d.action).toBe('answer');
    expect(d.citations[0].articleId).toBe(first.id);
    expect(d.confidence).toBeGreaterThan(0);
    expect(d.trace).toHaveProperty('candidates');
  });

  it('has a calibrated default threshold in (0, 1)', () => {
    expect(engine.defaultThreshold()).toBeGreaterThan(0);
    expect(engine.defaultThreshold()).toBeLessThan(1);
  });

  it('hands off a request for a human whatever the confidence', async () => {
    const d = await engine.turn(turn('let me talk to a real person', { policy: { ...policy, confidenceThreshold: 0 } }));
    expect(d).toMatchObject({ action: 'handoff', reasons: ['customer_requested'] });
  });

  it('hands off always-human intents by policy', async () => {
    const d = await engine.turn(
      turn(first.examples![1], { policy: { ...policy, confidenceThreshold: 0, alwaysHumanIntents: [first.id] } }),
    );
    expect(d.reasons).toContain('policy');
  });

  it('returns engine_error instead of throwing', async () => {
    const broken = new EmbeddedEngine({ ...engine.knowledge, passages: null as never });
    const d = await broken.turn(turn('hello'));
    expect(d).toMatchObject({ action: 'handoff', reasons: ['engine_error'] });
    const empty = await engine.turn(turn(''));
    expect(['handoff', 'clarify', 'answer']).toContain(empty.action);
  });

  it('works on knowledge without example questions, using context', async () => {
    const e = await createEngine([
      { id: 'hours', title: 'Opening hours', body: 'The library is open from 9 a.m. to 5 p.m., Monday to Friday.' },
      { id: 'card', title: 'Library card', body: 'A library card is free for residents. Bring a photo ID and proof of address.' },
      { id: 'fines', title: 'Late fees', body: 'Late books cost 25 cents a day, up to $5 per item.' },
    ]);
    const d = await e.turn({
      text: 'and what do I need to bring?',
      history: [
        { role: 'customer', text: 'how do I get a library card' },
        { role: 'agent', text: 'A library card is free for residents.' },
      ],
      policy: { ...policy, confidenceThreshold: 0 },
    });
    expect(d.citations[0]?.articleId).toBe('card');
  });
});

// The widget shows text, never HTML or Markdown: an answer quoted from a Markdown article
// reaches the customer without its marks.
describe('an answer from a Markdown article', async () => {
  const returns: Article = {
    id: 'returns',
    title: 'Returns',
    url: 'https://help.example.test/returns',
    body: [
      '# Sending an item back',
      '',
      'Returns are **free**: read the [returns guide](https://help.example.test/returns-guide) and `label` tips.',
      '',
      '1. Pack the item',
      '2. Post it within *30 days*',
    ].join('\n'),
  };
  const hours: Article = {
    id: 'hours',
    title: 'Opening hours',
    body: 'We answer chats from **9 a.m.** to 5 p.m., Monday to Friday.',
  };
  const e = await createEngine([returns, hours]);

  it('is plain text: no marks, the link as words and address, the list on its lines, the heading not said', async () => {
    const d = await e.turn(turn('how do I return an item', { policy: { ...policy, confidenceThreshold: 0 } }));
    expect(d.action).toBe('answer');
    expect(d.citations[0]?.articleId).toBe('returns');
    expect(d.text).toBe(
      [
        'From “Returns”: Returns are free: read the returns guide (https://help.example.test/returns-guide) and label tips.',
        '1. Pack the item',
        '2. Post it within 30 days',
        '',
        'Source: Returns (https://help.example.test/returns)',
      ].join('\n'),
    );
    expect(d.text).not.toMatch(/[*#`]|\]\(/);
    expect(d.text).not.toContain('Sending an item back');
  });
});

describe('the topics the bot names when it cannot help', () => {
  it('are the articles with the most example questions, ties in the knowledge order', () => {
    const a = (id: string, examples: number) => ({
      id,
      title: id.toUpperCase(),
      body: 'b',
      examples: Array.from({ length: examples }, (_, i) => `${id} ${i}`),
    });
    expect(
      suggestedTopics([a('account-verification', 8), a('cancel-order', 12), a('track-order', 20), a('contact', 0), a('refunds', 12)]),
    ).toEqual(['TRACK-ORDER', 'CANCEL-ORDER', 'REFUNDS']);
    expect(suggestedTopics([a('b', 0), a('a', 0)], 1)).toEqual(['B']);
  });
});
