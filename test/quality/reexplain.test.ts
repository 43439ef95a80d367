import { describe, expect, it } from 'vitest';
import { detectReexplain } from '../../src/quality/reexplain.ts';
import { HandoffAudit } from '../../src/quality/audit.ts';
import { loadLabelled, score } from '../../bench/audit-accuracy.ts';

const c = (text: string) => ({ role: 'customer', text });
const b = (text: string) => ({ role: 'bot', text });
const a = (text: string) => ({ role: 'agent', text });

describe('re-explain detector', () => {
  it('an agent asking for an order number the customer gave the bot, with both spans', () => {
    const r = detectReexplain([
      c('Order #48213 arrived broken.'),
      b('Sorry! See our returns page.'),
      a('Hi! What is your order number?'),
      c('48213'),
    ]);
    expect(r.reexplained).toBe(true);
    const ask = r.evidence.find((e) => e.kind === 'asked_again')!;
    expect(ask).toMatchObject({
      info: 'order',
      after: { message: 2, text: 'What is your order number?' },
      before: { message: 0, text: '#48213' },
    });
    expect(r.evidence.some((e) => e.kind === 'restated' && e.info === 'identifier')).toBe(true);
  });

  it('a request for something never given, or a value read back, is not a re-explanation', () => {
    expect(
      detectReexplain([c('My refund is late.'), b('Let me get a person.'), a('Hi! What is your order number?'), c('It is 55120')])
        .reexplained,
    ).toBe(false);
    expect(
      detectReexplain([
        c('Cancel order 10442 please, it was a mistake.'),
        b('Passing you on.'),
        a('Hi! Is 10442 the order you mean?'),
        c('yes'),
      ]).reexplained,
    ).toBe(false);
  });

  it('asking "how can I help" after a described problem counts; after only "human please" it does not', () => {
    const described = [
      c('The app says session expired right after I enter my password.'),
      b('Clear the cache.'),
      a('Hello! How can I help you today?'),
      c('ok'),
    ];
    expect(detectReexplain(described).evidence.map((e) => e.kind)).toEqual(['asked_again']);
    const undescribed = [
      c('human please'),
      b('Connecting you.'),
      a('Hello! How can I help you today?'),
      c('I need to change my billing address, we moved.'),
    ];
    expect(detectReexplain(undescribed).reexplained).toBe(false);
  });

  it('a customer restating in overlapping words, or saying they repeat themselves', () => {
    const restated = detectReexplain([
      c('I was billed $49 for an annual renewal I cancelled in January.'),
      b('Renewals are charged 7 days early.'),
      a('Hi Jo, looking into it now.'),
      c('To be clear: I cancelled in January and was still billed $49 for the annual renewal.'),
    ]);
    expect(restated.evidence[0]).toMatchObject({ kind: 'restated', shared: expect.arrayContaining(['january', 'annual', 'renewal']) });
    const said = detectReexplain([
      c('No signal since Monday.'),
      b('Restart your phone.'),
      a('Hi, thanks for waiting.'),
      c('Like I said, nothing works'),
    ]);
    expect(said.evidence.map((e) => e.kind)).toEqual(['complained']);
  });

  it('conversations that never reached a human are not audited', () => {
    const audit = new HandoffAudit();
    expect(audit.add('x', [c('hours?'), b('9 to 5')])).toBeNull();
    expect(audit.add('y', [c('Order 55555 broken'), a('What is the order number?')])).toMatchObject({ reexplained: true });
    expect(audit.summary()).toMatchObject({
      conversations: 2,
      reached_human: 1,
      reexplained: 1,
      bad_handoff_rate: 1,
      asked_for: { order: 1 },
    });
  });

  it('keeps its measured accuracy on the labelled sample (docs/audit.md)', async () => {
    const rows = await loadLabelled();
    expect(rows.length).toBeGreaterThanOrEqual(170);
    const s = score(rows.map((r) => ({ truth: r.label.reexplained, predicted: detectReexplain(r.messages).reexplained })));
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });
});
