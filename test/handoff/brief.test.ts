import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildBrief, signalsFromTranscript } from '../../src/handoff/brief/build.ts';
import { BriefSchema } from '../../src/handoff/brief/schema.ts';
import { sentences, summarise } from '../../src/handoff/brief/extract.ts';
import { decideRoute } from '../../src/handoff/routing/engine.ts';
import type { CustomerRow, MessageRow } from '../../src/db/schema.ts';
import { conversationRow, messageMaker, ROWS_AT } from '../support/rows.ts';

// The brief from a scripted conversation: every field filled, and nothing in it that is not in
// the transcript, the bot's traces, the knowledge or the customer record.

const at = ROWS_AT;
const conversation = conversationRow({ intent: 'refunds', last_seq: 6 });
const customer: CustomerRow = {
  id: 'cu1',
  workspace_id: 'w1',
  external_id: 'u-42',
  name: 'Ann Lee',
  email: 'ann@example.test',
  attributes: { tier: 'gold', plan: 'pro', vip: true },
  verified: true,
  created_at: at,
};
const msg = messageMaker();
const refundsCitation = {
  articleId: 'refunds',
  title: 'Refunds',
  url: 'https://help.example.test/refunds',
  passage: 'Refunds take 5 to 10 business days.',
};
const transcript: MessageRow[] = [
  msg('customer', 'Hi! My order #48213 arrived broken. I want my money back, it was $129.99.'),
  msg('bot', 'Refunds take 5 to 10 business days.', {
    citations: [refundsCitation],
    trace: { action: 'answer', confidence: 0.72, threshold: 0.6, intent: { id: 'refunds', title: 'Refunds', confidence: 0.72 } },
  }),
  msg('customer', 'That did not help. I already waited two weeks and nothing came back to my card.'),
  msg('bot', 'Could you tell me more about the order?', { trace: { action: 'clarify', confidence: 0.41, threshold: 0.6 } }),
  msg('customer', 'This is ridiculous, reach me at <EMAIL_1> or <PHONE_1>. I want to talk to a person.'),
];
const knowledge = new Map([['refunds', { title: 'Refunds', url: 'https://help.example.test/refunds' }]]);
const routing = decideRoute({
  rules: [],
  teams: [{ id: 't1', name: 'Billing', skills: [], slaSeconds: 60, fallbackTeamId: null, memberIds: ['a1'] }],
  agents: [{ id: 'a1', name: 'Bo', role: 'agent', status: 'online', skills: [], languages: [], capacity: 3, load: 0 }],
  handoff: {
    intent: 'refunds',
    language: 'en',
    channel: 'widget',
    reasons: ['customer_requested', 'negative_sentiment', 'repeated_failure'],
    customer: { tier: 'gold', plan: 'pro', vip: true },
    sentiment: -0.7,
  },
  policy: { defaultTeamId: null, businessHours: null },
  now: at,
  lastHelperId: null,
  currentPriority: 'normal',
});
const brief = buildBrief({
  conversation,
  customer,
  messages: transcript,
  reasons: ['customer_requested', 'negative_sentiment', 'repeated_failure'],
  signals: { intent: { id: 'refunds', title: 'Refunds', confidence: 0.41 }, sentiment: -0.7, confidence: 0.41, threshold: 0.6 },
  routing,
  articles: knowledge,
  now: at,
});

const customerText = transcript.filter((m) => m.author === 'customer').map((m) => m.redacted_text);
const allSources = [...transcript.map((m) => m.redacted_text), ...[...knowledge.values()].map((a) => a.title)];

describe('handoff brief', () => {
  it('validates against its published schema', () => {
    expect(BriefSchema.parse(brief)).toEqual(brief);
  });

  it('fills every field from the scripted conversation', () => {
    expect(brief.customer).toEqual({
      id: 'cu1',
      external_id: 'u-42',
      name: 'Ann Lee',
      email: 'ann@example.test',
      verified: true,
      verified_by: 'identity_hash',
      tier: 'gold',
      plan: 'pro',
      vip: true,
    });
    expect(brief).toMatchObject({
      language: 'en',
      channel: 'widget',
      intent: { id: 'refunds', confidence: 0.41 },
      sentiment: { score: -0.7, label: 'negative' },
    });
    expect(sentences(brief.summary).length).toBeGreaterThanOrEqual(2);
    expect(sentences(brief.summary).length).toBeLessThanOrEqual(3);
    expect(brief.summary).toContain('My order #48213 arrived broken.');
    expect(brief.goal).toMatchObject({ text: 'I want my money back, it was $129.99.', message_id: 'm1' });
    expect(brief.bot_attempts).toHaveLength(2);
    expect(brief.bot_attempts[0]).toMatchObject({
      action: 'answer',
      confidence: 0.72,
      articles: [{ id: 'refunds', title: 'Refunds', url: 'https://help.example.test/refunds' }],
      reaction: { kind: 'said_not_helpful', message_id: 'm3' },
    });
    expect(brief.bot_attempts[1]!.reaction.kind).toBe('asked_for_human');
    expect(brief.knowledge).toEqual([{ id: 'refunds', title: 'Refunds', url: 'https://help.example.test/refunds' }]);
    expect(brief.escalation.confidence).toBe(0.41);
    expect(brief.escalation.threshold).toBe(0.6);
    expect(brief.escalation.reasons).toEqual([
      { reason: 'customer_requested', evidence: 'I want to talk to a person.', message_id: 'm5' },
      { reason: 'negative_sentiment', evidence: 'This is ridiculous, reach me at <EMAIL_1> or <PHONE_1>.', message_id: 'm5' },
      { reason: 'repeated_failure', evidence: transcript[2]!.redacted_text, message_id: 'm3' },
    ]);
    expect(brief.recommended_next_step.action).toBe('correct_answer');
    expect(brief.priority).toBe('high');
    expect(brief.routing).toMatchObject({ team_name: 'Billing', agent_name: 'Bo', assignment: 'least_loaded', on_shift: true });
    expect(brief.routing.why).toBe(routing.why);
    expect(brief.fields).toEqual([
      { kind: 'order_number', label: 'Order number', value: '48213', message_id: 'm1' },
      { kind: 'amount', label: 'Amount', value: '$129.99', message_id: 'm1' },
      { kind: 'email', label: 'E-mail address (hidden)', value: '<EMAIL_1>', message_id: 'm5' },
      { kind: 'phone', label: 'Phone number (hidden)', value: '<PHONE_1>', message_id: 'm5' },
    ]);
    expect(brief.redaction_tokens).toEqual(['<EMAIL_1>', '<PHONE_1>']);
    expect(brief.transcript).toEqual({ url: '/api/v1/conversations/c1', message_count: 5, last_seq: 5 });
    expect(brief.last_customer_message).toBe(customerText.at(-1));
  });

  it('invents nothing: summary, goal, evidence and reactions are quoted; articles come from the knowledge', () => {
    for (const s of sentences(brief.summary)) expect(customerText.some((t) => t.includes(s))).toBe(true);
    expect(customerText.some((t) => t.includes(brief.goal!.text))).toBe(true);
    for (const r of brief.escalation.reasons)
      if (r.evidence && r.message_id) expect(allSources.some((t) => t.includes(r.evidence!))).toBe(true);
    for (const a of brief.bot_attempts) {
      expect(transcript.find((m) => m.id === a.message_id)?.redacted_text).toBe(a.text);
      if (a.reaction.text) expect(transcript.find((m) => m.id === a.reaction.message_id)?.redacted_text).toBe(a.reaction.text);
    }
    for (const k of brief.knowledge) expect(knowledge.get(k.id)).toEqual({ title: k.title, url: k.url });
    for (const f of brief.fields) expect(transcript.find((m) => m.id === f.message_id)?.redacted_text).toContain(f.value);
    for (const s of brief.summary_sources) expect(transcript.find((m) => m.id === s.message_id)?.author).toBe('customer');
  });

  it('quotes whatever the customer writes (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9$#<>_@.']{1,12}$/);
    const sentence = fc
      .tuple(fc.array(word, { minLength: 1, maxLength: 12 }), fc.constantFrom('.', '?', '!', '', '...'))
      .map(([w, p]) => w.join(' ') + p);
    const text = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((s) => s.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (texts) => {
        const turns = texts.map((t, i) => ({ text: t, message_id: `m${i}`, seq: i }));
        const summary = summarise(turns);
        expect(summary.length).toBeLessThanOrEqual(3);
        for (const s of summary) expect(texts[Number(s.message_id.slice(1))]).toContain(s.text);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the last bot turn’s signals when the customer pressed the button (no decision)', () => {
    expect(signalsFromTranscript(transcript, conversation)).toEqual({
      intent: { id: 'refunds', title: 'Refunds', confidence: 0.72 },
      sentiment: null,
      confidence: 0.41,
      threshold: 0.6,
    });
  });
});

describe('the brief is true to the state now (issue 18)', () => {
  const build = (messages: MessageRow[], o: Partial<Parameters<typeof buildBrief>[0]> = {}) =>
    buildBrief({
      conversation: { ...conversation, status: 'awaiting_customer' },
      customer: { ...customer, email: null, verified: false },
      messages,
      reasons: ['customer_requested'],
      signals: { intent: { id: 'gift-cards', title: 'gift-cards', confidence: 0.5 }, sentiment: 0, confidence: 0.5, threshold: 0.6 },
      routing: { ...routing, on_shift: false },
      articles: new Map(),
      now: at,
      ...o,
    });
  const handoffNotice = () => msg('system', 'Nobody from our team is available right now.', { trace: { action: 'handoff' } });

  it('the goal is the need still open, not a question the bot answered', () => {
    const b = build([
      msg('customer', 'How do I get a refund?'),
      msg('bot', 'Refunds take 5 to 10 business days.', { citations: [refundsCitation], trace: { action: 'answer' } }),
      msg('customer', 'thanks. my parcel never arrived, it has been 3 weeks'),
      handoffNotice(),
    ]);
    expect(b.goal?.text).toBe('my parcel never arrived, it has been 3 weeks');
    expect(b.summary).not.toContain('refund');
  });

  it('quotes the need without the small talk around it', () => {
    const b = build([
      msg('customer', 'hello there, can I pay with klarna? thanks!'),
      msg('bot', 'I am not sure.', { trace: { action: 'handoff' } }),
      msg('customer', 'ok, is there someone who knows'),
      handoffNotice(),
    ]);
    expect(b.goal?.text).toBe('can I pay with klarna?');
    expect(b.summary).toBe('can I pay with klarna? is there someone who knows');
    // Still quoted: every piece is a span of the message it names.
    for (const src of b.summary_sources) expect(b.summary).toContain(src.text);
  });

  it('a need announced but not said gives way to the line that says it', () => {
    const b = build([
      msg('customer', 'hi, I have a question about my order'),
      msg('bot', 'I can help with that. What happened, or what do you need?', { trace: { action: 'clarify' } }),
      msg('customer', 'can I talk to someone about a refund'),
      handoffNotice(),
    ]);
    expect(b.goal?.text).toBe('can I talk to someone about a refund');
  });

  it("a clarifying question's offered pages are its articles, and the knowledge the agent sees", () => {
    const b = build(
      [
        msg('customer', 'can I change my order'),
        msg('bot', 'Do you mean “Refunds” or “Change the delivery address”?', {
          trace: {
            action: 'clarify',
            options: [
              { articleId: 'refunds', title: 'Refunds' },
              { articleId: 'change-address', title: 'Change the delivery address' },
            ],
          },
        }),
        msg('customer', 'none of these, I want to add a gift message'),
        handoffNotice(),
      ],
      { articles: knowledge },
    );
    const ask = b.bot_attempts.find((a) => a.action === 'clarify')!;
    expect(ask.articles).toEqual([
      { id: 'refunds', title: 'Refunds', url: 'https://help.example.test/refunds' },
      { id: 'change-address', title: 'Change the delivery address', url: null },
    ]);
    expect(b.knowledge.map((k) => k.id)).toEqual(['refunds', 'change-address']);
    expect(b.goal?.text).toBe('none of these, I want to add a gift message');
  });

  it('a follow-up that only says more about the same need does not settle it; a vague line gives way to the detail', () => {
    const followUp = build([
      msg('customer', 'When will my order arrive?'),
      msg('bot', 'Standard shipping takes 3 to 5 business days.', { citations: [refundsCitation], trace: { action: 'answer' } }),
      msg('customer', "it's been 3 weeks, the tracking has not moved"),
      msg('bot', 'Shipping takes 3 to 5 business days.', { trace: { action: 'answer', candidates: [{ id: 'tracking' }] } }),
      msg('customer', 'I want a person'),
      handoffNotice(),
    ]);
    expect(followUp.goal?.text).toBe('When will my order arrive?');
    const vague = build([
      msg('customer', "it doesn't work"),
      handoffNotice(),
      msg('customer', 'the discount code SAVE10 is refused at checkout'),
    ]);
    expect(vague.goal?.text).toBe('the discount code SAVE10 is refused at checkout');
  });

  it('quotes every message sent while waiting, and says which', () => {
    const b = build([
      msg('customer', 'I want to talk to a person'),
      handoffNotice(),
      msg('customer', 'my order is late'),
      msg('customer', 'i cant log in, forgot my pw'),
      msg('customer', 'also my card <CARD_1> was charged twice'),
      msg('customer', 'hello?'),
    ]);
    for (const s of ['my order is late', 'i cant log in, forgot my pw', 'also my card <CARD_1> was charged twice'])
      expect(b.summary).toContain(s);
    expect(b.updates.map((u) => u.in_summary)).toEqual([true, true, true, false]);
    // Once an agent writes, the customer is no longer waiting: the chat is in the transcript, not the summary.
    const chatting = build(
      [
        msg('customer', 'I want a person'),
        handoffNotice(),
        msg('customer', 'my order is late'),
        msg('agent', 'Hi, Bo here.'),
        msg('customer', 'great, thanks Bo, it is order 5521'),
      ],
      { conversation: { ...conversation, status: 'with_agent' } },
    );
    expect(chatting.updates).toHaveLength(1);
    expect(chatting.summary).not.toContain('thanks Bo');
    expect(b.fields).toContainEqual(expect.objectContaining({ label: 'Card number (hidden)', value: '<CARD_1>' }));
  });

  it('next step: an address the customer gave, an agent who accepted, someone on shift now', () => {
    const gave = build([msg('customer', 'I want a person'), handoffNotice(), msg('customer', 'me: <EMAIL_1>')]);
    expect(gave.recommended_next_step.text).toContain('Nobody is on shift: reply by e-mail to the address they left (<EMAIL_1>).');
    const accepted = build([msg('customer', 'I want a person')], {
      conversation: { ...conversation, status: 'with_agent', assignee_id: 'a1' },
      now_state: { assignee_name: 'Bo', on_shift: true },
    });
    expect(accepted.recommended_next_step.text).not.toMatch(/nobody|on shift/i);
    expect(accepted.state).toEqual({ status: 'with_agent', assignee_id: 'a1', assignee_name: 'Bo', on_shift: true });
    const onShiftNow = build([msg('customer', 'I want a person')], { now_state: { assignee_name: null, on_shift: true } });
    expect(onShiftNow.recommended_next_step.text).not.toMatch(/nobody (is|was) on shift/i);
    expect(onShiftNow.recommended_next_step.text).toContain('accept and answer here');
  });

  it('next step for a customer at risk: ask whether they are safe, before any e-mail', () => {
    const crisis = (kind: string) =>
      msg('system', 'If you are in danger right now, please call your local emergency number.', {
        trace: { action: 'handoff', signals: { sensitive: { kind } } },
      });
    const said = [msg('customer', 'i cant go on, i want to end it all'), crisis('self_harm'), msg('customer', 'me: <EMAIL_1>')];
    const offShift = build(said).recommended_next_step;
    expect(offShift.action).toBe('check_safety');
    expect(offShift.text).toContain('accept now and ask whether they are safe right now');
    expect(offShift.text).toContain(
      'Nobody is on shift: whoever reads this, reply here at once and by e-mail to the address they left (<EMAIL_1>)',
    );
    const withAgent = build(said, { conversation: { ...conversation, status: 'with_agent', assignee_id: 'a1' } }).recommended_next_step;
    expect([withAgent.action, withAgent.text.includes('accept')]).toEqual(['check_safety', false]);
    // A report of fraud is sensitive but not a risk to the customer's life: the procedure, as before.
    const fraud = build([msg('customer', 'someone took over my account'), crisis('fraud')], { reasons: ['sensitive_topic'] });
    expect(fraud.recommended_next_step.action).toBe('reply_by_email');
    // Why it escalated names the topic the bot read, for the agent's triage.
    expect(fraud.escalation.reasons).toEqual([expect.objectContaining({ reason: 'sensitive_topic', kind: 'fraud' })]);
    expect(build(said, { reasons: ['sensitive_topic'] }).escalation.reasons[0]).toMatchObject({ kind: 'self_harm' });
    expect(build(said, { reasons: ['low_confidence'] }).escalation.reasons[0]).not.toHaveProperty('kind');
  });

  it('shows the intent in words: the article title, else the id spelled out', () => {
    expect(build([msg('customer', 'gift card?')]).intent?.title).toBe('Gift cards');
    const titled = build([msg('customer', 'gift card?')], {
      articles: new Map([['gift-cards', { title: 'Gift cards and vouchers', url: null }]]),
    });
    expect(titled.intent?.title).toBe('Gift cards and vouchers');
  });
});

describe('why it escalated: the words the bot read, and how sure it was', () => {
  const build = (messages: MessageRow[], reasons: Parameters<typeof buildBrief>[0]['reasons'], handing_off?: unknown) =>
    buildBrief({
      conversation: { ...conversation, status: 'awaiting_customer' },
      customer: { ...customer, email: null, verified: false },
      messages,
      reasons,
      signals: { intent: null, sentiment: 0, confidence: 0.2, threshold: 0.6 },
      routing: { ...routing, on_shift: false },
      articles: new Map(),
      now: at,
      handing_off,
    });
  const reasonOf = (b: ReturnType<typeof build>, reason: string) => b.escalation.reasons.find((r) => r.reason === reason);
  const signals = (s: Record<string, unknown>) => ({
    signals: { humanRequest: null, sentimentCues: [], sensitive: null, detector: null, ...s },
  });

  it('quotes the request for a person the detector read, with its certainty (the decision not yet stored)', () => {
    const asked = msg('customer', 'i dont understand you, contact someone');
    const b = build([asked], ['customer_requested'], {
      ...signals({
        humanRequest: 'i dont understand you, contact someone',
        detector: { kind: 'human', prob: 0.7659, text: 'i dont understand you, contact someone' },
      }),
      decision: { reasons: ['customer_requested'] },
    });
    // No word of the brief's own list is in it: the bot's reading is the evidence.
    expect(reasonOf(b, 'customer_requested')).toEqual({
      reason: 'customer_requested',
      evidence: 'i dont understand you, contact someone',
      message_id: asked.id,
      confidence: 0.77,
    });
    expect(BriefSchema.parse(b)).toEqual(b);
  });

  it('quotes the one sentence read as self-harm, and the next step says how sure the reading was', () => {
    const said = msg('customer', 'The app keeps crashing when I open my account page. I have reinstalled it already.');
    const read = { kind: 'self_harm', prob: 0.5759, text: 'I have reinstalled it already' };
    const crisis = msg('bot', 'If you are in danger or thinking about ending your life, please call your local emergency number.', {
      trace: { action: 'handoff', ...signals({ sensitive: { kind: 'self_harm', phrase: read.text }, detector: read }) },
    });
    const b = build([said, crisis], ['sensitive_topic']);
    expect(reasonOf(b, 'sensitive_topic')).toEqual({
      reason: 'sensitive_topic',
      evidence: 'I have reinstalled it already.',
      message_id: said.id,
      confidence: 0.58,
      kind: 'self_harm',
    });
    expect(b.recommended_next_step.action).toBe('check_safety');
    expect(b.recommended_next_step.text).toContain(
      "The bot read self-harm in the customer's words (58% sure) and sent them the safety reply: accept now and ask whether they are safe right now",
    );
  });

  it('a listed phrase gives its sentence and no certainty; a reading with redaction tokens is still found', () => {
    const said = msg('customer', 'Call me on <PHONE_1>. I want to kill myself tonight, nothing matters.');
    const harm = (phrase: string, detector?: { prob: number; text: string }) =>
      msg('bot', 'If you are in danger…', {
        trace: {
          action: 'handoff',
          ...signals({ sensitive: { kind: 'self_harm', phrase }, ...(detector ? { detector: { kind: 'self_harm', ...detector } } : {}) }),
        },
      });
    const sensitive = (reply: MessageRow) => reasonOf(build([said, reply], ['sensitive_topic']), 'sensitive_topic');
    expect(sensitive(harm('kill myself'))).toEqual({
      reason: 'sensitive_topic',
      evidence: 'I want to kill myself tonight, nothing matters.',
      message_id: said.id,
      kind: 'self_harm',
    });
    // The detector's sentence holds the listed phrase: its certainty goes with it.
    expect(sensitive(harm('kill myself', { prob: 0.9852, text: 'I want to kill myself tonight, nothing matters' }))).toMatchObject({
      evidence: 'I want to kill myself tonight, nothing matters.',
      confidence: 0.99,
    });
    // The reading spans two sentences (the detector read the message without its tokens).
    const whole = 'Call me on . I want to kill myself tonight';
    expect(sensitive(harm(whole, { prob: 0.99, text: whole }))).toMatchObject({
      evidence: 'Call me on <PHONE_1>. I want to kill myself tonight, nothing matters.',
      confidence: 0.99,
    });
  });

  it('anger the detector read, and "yes" to the offer of a person, are quoted too', () => {
    const angry = msg('customer', 'where is my parcel. I am so done with you people');
    const b = build([angry], ['negative_sentiment'], {
      ...signals({
        sentimentCues: ['detector: I am so done with you people'],
        detector: { kind: 'anger', prob: 0.999, text: 'I am so done with you people' },
      }),
    });
    expect(reasonOf(b, 'negative_sentiment')).toEqual({
      reason: 'negative_sentiment',
      evidence: 'I am so done with you people',
      message_id: angry.id,
      confidence: 1,
    });
    const yes = msg('customer', 'ok');
    const offered = [
      msg('customer', 'asdfghjkl'),
      msg('bot', 'Would you like me to bring in a person from our team? (yes / no)', {
        trace: { action: 'clarify', decision: { action: 'clarify', clarify: 'offer_person' } },
      }),
      yes,
    ];
    const accepted = build(offered, ['customer_requested'], { ...signals({}), decision: { reasons: ['customer_requested'] } });
    expect(reasonOf(accepted, 'customer_requested')).toEqual({ reason: 'customer_requested', evidence: 'ok', message_id: yes.id });
  });

  it('names the sensitive topic of the handing-off decision before any message holds it (fraud: no reply first)', () => {
    const said = msg('customer', 'someone took over my account and changed the password');
    const b = build([said], ['sensitive_topic'], {
      ...signals({
        sensitive: { kind: 'fraud', phrase: 'someone took over my account and changed the password' },
        detector: { kind: 'fraud', prob: 0.91, text: 'someone took over my account and changed the password' },
      }),
    });
    expect(reasonOf(b, 'sensitive_topic')).toMatchObject({ kind: 'fraud', confidence: 0.91, message_id: said.id });
    expect(b.recommended_next_step.action).not.toBe('check_safety');
  });
});
