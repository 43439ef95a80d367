import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect, emptyState, redact, restore } from './index.ts';
import { resolveOverlaps } from './resolve.ts';

describe('redact', () => {
  it('replaces entities by typed, numbered tokens, as in the CLI contract', () => {
    const result = redact("Call me on 0496 46 46 70, I'm Anna Berg", { locale: 'fr-BE' });
    expect(result.redacted).toBe("Call me on <PHONE_1>, I'm <PERSON_1>");
    expect(result.entities.map(({ type, start, end }) => ({ type, start, end }))).toEqual([
      { type: 'PHONE', start: 11, end: 24 },
      { type: 'PERSON', start: 30, end: 39 },
    ]);
    expect(result.tokens).toEqual({ '<PHONE_1>': '0496 46 46 70', '<PERSON_1>': 'Anna Berg' });
  });

  it('gives one value one token across a conversation, spelled differently or not', () => {
    const first = redact('Mail anna@example.com or bob@example.com');
    const second = redact('Did ANNA@example.com get it? Card 4111 1111 1111 1111', {}, first.state);
    expect(second.redacted).toBe('Did <EMAIL_1> get it? Card <CARD_1>');
    const third = redact('Use 4111-1111-1111-1111 and bob@example.com', {}, second.state);
    expect(third.redacted).toBe('Use <CARD_1> and <EMAIL_2>');
    expect(restore('Sent to <EMAIL_2> and <EMAIL_1>', third.state)).toBe('Sent to bob@example.com and anna@example.com');
  });

  it('leaves the state it was given unchanged', () => {
    const state = emptyState();
    redact('anna@example.com', {}, state);
    expect(state).toEqual(emptyState());
  });

  it('keeps unknown tokens as they are when restoring', () => {
    expect(restore('Hello <PERSON_9>', new Map([['<PERSON_1>', 'Anna']]))).toBe('Hello <PERSON_9>');
    expect(restore('Hello <PERSON_1>', { '<PERSON_1>': 'Anna' })).toBe('Hello Anna');
  });
});

describe('workspace settings', () => {
  it('detects only the enabled types', () => {
    expect(redact('anna@example.com, +44 20 7946 0958', { enabled: ['PHONE'] }).redacted).toBe('anna@example.com, <PHONE_1>');
  });

  it('applies custom patterns with their own type', () => {
    const result = redact('Order ORD-123456 for anna@example.com', { custom: [{ type: 'ORDER_ID', pattern: 'ORD-\\d{6}' }] });
    expect(result.redacted).toBe('Order <ORDER_ID_1> for <EMAIL_1>');
  });

  it('never redacts allow-listed values', () => {
    expect(redact('Write to support@baton.dev or anna@example.com', { allow: ['Support@Baton.dev'] }).redacted).toBe(
      'Write to support@baton.dev or <EMAIL_1>',
    );
  });

  it('rejects invalid settings', () => {
    expect(() => redact('x', { custom: [{ type: 'bad type', pattern: '(' }] })).toThrow();
  });
});

describe('overlap resolution', () => {
  it('keeps the higher score, then the longer span, and merges pieces of one type', () => {
    const spans = resolveOverlaps([
      { type: 'PHONE', start: 0, end: 19, score: 0.6 },
      { type: 'CARD', start: 0, end: 19, score: 0.95 },
      { type: 'ADDRESS', start: 30, end: 40, score: 0.7 },
      { type: 'ADDRESS', start: 38, end: 50, score: 0.8 },
      { type: 'PERSON', start: 32, end: 36, score: 0.9 },
    ]);
    expect(spans).toEqual([
      { type: 'CARD', start: 0, end: 19, score: 0.95 },
      { type: 'ADDRESS', start: 30, end: 50, score: 0.8 },
    ]);
  });
});

// Texts that mix PII snippets, noise and arbitrary Unicode, so properties exercise
// every detector and not only empty matches.
const SNIPPETS = [
  'anna@example.com',
  '+44 20 7946 0958',
  '4111 1111 1111 1111',
  'DE89 3704 0044 0532 0130 00',
  '123-45-6789',
  '192.168.0.1',
  'My name is Anna Berg',
  '221B Baker Street, London',
  'born on 12 March 1985',
  'Dr. Kowalski',
  'password is hunter22',
  'john dot smith at gmail dot com',
  'Suite 5\n',
  'Mr.',
  '<',
  '>',
  '_1',
  '\u{1F600}',
  'é',
  '\n',
];
const messy = fc
  .array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 12 })), {
    maxLength: 12,
  })
  .map((parts) => parts.join(' '));

describe('properties', () => {
  it('never throws, and spans are sorted, disjoint and inside the text', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const spans = detect(text);
        let last = 0;
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
          last = s.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('restores exactly the original text from the redacted one', () => {
    fc.assert(
      fc.property(messy, (text) => {
        // A customer's own text that already looks like a token would be ambiguous.
        fc.pre(!/<[A-Z][A-Z0-9_]*_\d+>/.test(text));
        const { redacted, state } = redact(text);
        expect(restore(redacted, state)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('restores a whole conversation with one state', () => {
    fc.assert(
      fc.property(fc.array(messy, { minLength: 1, maxLength: 4 }), (turns) => {
        fc.pre(turns.every((t) => !/<[A-Z][A-Z0-9_]*_\d+>/.test(t)));
        let state = emptyState();
        const redacted = turns.map((t) => {
          const r = redact(t, {}, state);
          state = r.state;
          return r.redacted;
        });
        expect(redacted.map((r) => restore(r, state))).toEqual(turns);
      }),
      { numRuns: 100 },
    );
  });
});
