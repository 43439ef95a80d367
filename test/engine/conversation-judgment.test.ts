// Judgment in real conversations (issue 15), on the demo knowledge through the real engine:
// no earlier topic carried into a question of its own, small talk, junk, escalation signals.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKnowledge } from '../../src/engine/knowledge-model.ts';
import { EmbeddedEngine } from '../../src/engine/index.ts';
import { dangerReply, DEFAULT_CRISIS_MESSAGE } from '../../src/engine/compose/replies.ts';
import { evaluate, detailLine } from '../../src/engine/eval/evaluate.ts';
import { parseTickets } from '../../src/engine/eval/tickets.ts';
import type { Article, Decision, EnginePolicy, HistoryTurn } from '../../src/engine/types.ts';
import { demoArticles, OPEN_POLICY } from '../support/demo-knowledge.ts';

const demo = demoArticles();
const policy = OPEN_POLICY;
const engine = new EmbeddedEngine(buildKnowledge(demo));

/** Plays the customer's lines as live traffic does; returns each turn's decision. */
function converse(lines: string[], p: EnginePolicy = policy, locale?: string): Decision[] {
  const history: HistoryTurn[] = [];
  return lines.map((text) => {
    const d = engine.turnSync({ text, history: history.slice(), policy: p, locale });
    history.push(
      { role: 'customer', text },
      {
        role: 'bot',
        text: d.text,
        action: d.action,
        articleIds: d.citations.map((c) => c.articleId),
        clarify: (d.trace.decision as { clarify?: HistoryTurn['clarify'] }).clarify,
      },
    );
    return d;
  });
}
const cited = (d: Decision) => d.citations[0]?.articleId ?? null;

describe('a chain of short follow-ups', () => {
  // Each reads the question that named the topic: joined with the follow-up before it alone
  // ("what about apple pay?", "and to canada?"), the next one fell under the threshold.
  it('reads the whole chain back to the question that named the topic', () => {
    const ds = converse(['can I pay with paypal?', 'what about apple pay?', 'and klarna?']);
    expect(ds.map(cited)).toEqual(['payment-methods', 'payment-methods', 'payment-methods']);
    const [, , price] = converse(['how long does shipping take?', 'and to canada?', 'how much does it cost?']);
    expect(cited(price)).toBe('shipping-times');
  });
});

describe('the same article again', () => {
  it('quotes the part the follow-up asks about, not the whole answer a second time', () => {
    const [first, express] = converse(['how long does shipping take?', 'what about express?']);
    expect(first.text).toContain('Standard shipping takes 3 to 5 business days');
    expect([cited(express), express.action]).toEqual(['shipping-times', 'answer']);
    expect(express.text).toMatch(/^From “Shipping times”: Express shipping arrives in 1 to 2 business days\.\n/);
    expect(express.text).not.toContain('Standard shipping');
    // A country in a follow-up of a shipping question reads as abroad; after it, express is still the news.
    const [, germany, thenExpress] = converse(['how long does shipping take?', 'and to germany?', 'what about express?']);
    expect(germany.text).toMatch(/^From “Shipping times”: Standard shipping takes .* 7 to 14 business days abroad\.\n/);
    expect(thenExpress.text).toMatch(/^From “Shipping times”: Express shipping arrives in 1 to 2 business days\.\n/);
  });

  it('a follow-up the page answers only by omission gets the whole answer', () => {
    // "apple pay" shares only "pay" with the page, a word of the question before.
    const [, apple] = converse(['can I pay with paypal?', 'what about apple pay?']);
    expect(cited(apple)).toBe('payment-methods');
    expect(apple.text).toContain('We accept Visa, Mastercard');
  });
});

describe('a question of its own is answered as if asked alone', () => {
  it('a new question opened with "also" or "and" is not read with the one before', () => {
    const [, d] = converse(['how do I reset my password', 'also, do you ship to canada?']);
    expect(cited(d)).toBe('shipping-times');
    const [, e] = converse(['where is my refund', 'and do you take paypal?']);
    expect(cited(e)).toBe('payment-methods');
  });

  it('opening hours, then gift cards', () => {
    const [, d] = converse(['what are your opening hours on saturday?', 'Can I exchange a gift card for cash?']);
    expect(d.action).toBe('answer');
    expect(cited(d)).toBe('gift-cards');
  });
  it('refund, then opening hours', () => {
    const [, d] = converse(['How do I get a refund?', 'what are your opening hours?']);
    expect(cited(d)).toBe('contact-hours');
  });
  it('a conversation does not stick to one article', () => {
    const ds = converse(['what is 2+2', 'هل يمكنني استرداد أموالي؟', 'How do I get a refund?']);
    expect(ds.map(cited).slice(0, 2)).toEqual([null, null]);
    expect(cited(ds[2])).toBe('refund-policy');
  });
  it('a short question of its own does not borrow the earlier question’s words', () => {
    // Read with "can I cancel my subscription?" before it, "Is my parcel lost?" was the
    // cancellation article at 0.90; alone it is order tracking.
    const [, d] = converse(['can I cancel my subscription?', 'Is my parcel lost?']);
    expect(cited(d)).toBe('track-order');
    const [, e] = converse(['How do I get a refund?', 'Can I use coupons?']);
    expect(cited(e)).not.toBe('refund-policy');
  });
  it('a pointer in words the knowledge never uses has nothing to continue', () => {
    // Read with the refund question, each came back with the refund article (0.76-0.88).
    for (const text of ['please roll that dice', 'what is it at, the ac temperature']) {
      const [, d] = converse(['How do I get a refund?', text]);
      expect(d, text).toMatchObject({ action: 'clarify', citations: [] });
    }
    // One word the knowledge does not use is the detail a continuation adds.
    const [, sooner] = converse(['How do I get a refund?', 'can I get it sooner?']);
    expect(cited(sooner)).toBe('refund-policy');
  });
  it('a follow-up still reads the topic before it', () => {
    const [, d] = converse(['How long does shipping take?', 'and for Germany?']);
    expect(cited(d)).toBe('shipping-times');
    const [, e] = converse(['how do I get a refund', 'how long does it take?']);
    expect(cited(e)).toBe('refund-policy');
  });
});

describe('small talk', () => {
  it.each(['hi', 'thanks!', 'ok', 'bye', 'cheers mate', 'thanks man'])('"%s" gets a social reply: no article, no person', (text) => {
    const [d] = converse([text]);
    expect(d.action).toBe('social');
    expect(d.citations).toEqual([]);
    expect(d.intent).toBeNull();
    expect(d.text.length).toBeGreaterThan(0);
  });
  it('a wave, and "what can you do?" answered with what the knowledge covers, in the customer’s language', () => {
    expect(converse(['👋'])[0]).toMatchObject({ action: 'social', text: 'Hi! What can I help you with?' });
    for (const [text, words] of [
      ['what can you do?', /^I'm the virtual assistant here: .* I can help with questions such as “.+”, “.+”, “.+”\.$/],
      ['¿en qué me puedes ayudar?', /^Soy el asistente virtual: .* Puedo ayudar con temas como “.+”/],
      ['Was können Sie tun?', /^Ich bin der virtuelle Assistent: /],
    ] as const) {
      const [d] = converse([text]);
      expect(d).toMatchObject({ action: 'social', citations: [], intent: null });
      expect(d.text).toMatch(words);
    }
    // Asked about something, it is a question like any other.
    expect(converse(['what can you do about my refund?'])[0].action).not.toBe('social');
  });
  it('small talk in words several languages share reads the conversation’s language, not the word’s', () => {
    expect(converse(['no'])[0].text).toBe('Is there anything else I can help with?');
    expect(converse(['¿Dónde está mi pedido? Lo espero desde hace una semana', 'no'])[1].text).toBe('¿Puedo ayudarle con algo más?');
    // A word of one language is that language's, whatever came before.
    expect(converse(['oui'])[0].text).toBe('Puis-je vous aider pour autre chose ?');
    expect(converse(['nein'])[0].text).toBe('Kann ich sonst noch helfen?');
  });
  // Before courtesy words were read, the first was handed off alone and, after an answer, came
  // back with the refund article (0.94); the second was answered with the opening-hours article.
  it.each(['thanks for helping me', 'this was a nice chat', "you've been a big help"])(
    '"%s" after an answer is thanks or a goodbye, not the article again',
    (text) => {
      const [answered, thanked] = converse(['How do I get a refund?', text]);
      expect(cited(answered)).toBe('refund-policy');
      expect(thanked).toMatchObject({ action: 'social', citations: [], intent: null });
    },
  );
  it('in the customer’s language', () => {
    expect(converse(['hola'])[0].text).toMatch(/Hola/);
    // Thanks in more words than a phrase, in French and Spanish.
    expect(converse(['merci pour votre patience'])[0]).toMatchObject({
      action: 'social',
      text: 'Avec plaisir ! Puis-je vous aider pour autre chose ?',
    });
    expect(converse(['gracias por la ayuda'])[0]).toMatchObject({ action: 'social', language: 'es' });
    expect(converse(['Wo ist meine Bestellung? Ich warte seit einer Woche', 'danke'])[1].text).toMatch(/Gern geschehen/);
  });
  it('a greeting in front of a question does not stop the answer', () => {
    const [d] = converse(['hi, how do I get a refund?']);
    expect(d.action).toBe('answer');
    expect(cited(d)).toBe('refund-policy');
  });
  // Read with the greeting, these were handed off (0.54 and 0.50 against a threshold of 0.58):
  // its words counted as evidence against every article.
  it.each([
    ['hello there, I bought something 2 weeks ago and changed my mind, can I still get my money returned?', 'refund-policy'],
    ['hey team, tracking hasnt changed in a week', 'track-order'],
  ])('small talk around a question changes nothing: "%s"', (text, article) => {
    const [greeted] = converse([text]);
    expect(greeted.action).toBe('answer');
    expect(cited(greeted)).toBe(article);
    const [alone] = converse([text.replace(/^[^,]*, /, '')]);
    expect(greeted.confidence).toBeCloseTo(alone.confidence, 6);
  });
  // A reaction names no topic: read as a fragment it borrowed the earlier question's words and
  // came back with its article (CLINC150 val after another topic: "agreed", "idk", 14 tickets).
  it.each([
    'agreed',
    'idk',
    'no idea',
    'makes sense',
    'alright then',
    'gotcha',
    "that's definitely true",
    'you are right',
    'claro',
    "d'accord",
    // Dropping the question or closing the chat: read as fragments, these repeated the answer.
    'never mind',
    'forget it',
    "no that's it",
    'that is all for now',
    'nice talking to you',
    'laat maar',
  ])('"%s" after an answer gets a social reply, not the earlier article again', (text) => {
    const [first, d] = converse(['How do I get a refund?', text]);
    expect(cited(first)).toBe('refund-policy');
    expect(d).toMatchObject({ action: 'social', citations: [], intent: null });
  });
  it.each(["that's not true", 'not true', 'that is not factual', 'wrong', "it didn't help", "c'est faux", 'das stimmt nicht'])(
    '"%s" right after an answer says it failed: a repeated failure, as "that didn\'t help" is',
    (text) => {
      const [, d] = converse(['How do I get a refund?', text]);
      expect(d).toMatchObject({ action: 'handoff', reasons: ['repeated_failure'], citations: [] });
    },
  );
  it('a disagreement with no answer before it asks what is needed, in the customer’s language', () => {
    const [d] = converse(['not true']);
    expect(d).toMatchObject({ action: 'social', citations: [] });
    expect(d.text).toMatch(/what you need/);
    expect(converse(['hola', 'eso está mal'])[1].text).toMatch(/Lo siento/);
  });
  it('thanks after an answer, then a new question', () => {
    const ds = converse(['how do I reset my password', 'thanks!', 'and how do I change my e-mail address?']);
    expect(ds.map((d) => d.action)).toEqual(['answer', 'social', 'answer']);
    expect(cited(ds[2])).toBe('change-email');
  });
});

describe('a need announced but not said is asked about, once', () => {
  it('asks what the need is, then answers the question that follows from its own words', () => {
    const ds = converse(['hello, I have a question about my order', 'it arrived broken, what can I do?']);
    expect(ds[0]).toMatchObject({ action: 'clarify', citations: [], intent: null, reasons: [] });
    expect(ds[0].trace.decision).toMatchObject({ clarify: 'details' });
    expect(ds[0].text).toMatch(/What happened, or what do you need\?/);
    expect(ds[1].action).toBe('answer');
    expect(cited(ds[1])).toBe('damaged-item');
  });
  it("in the customer's language", () => {
    const [d] = converse(['Hola, tengo un problema con mi pedido']);
    expect(d).toMatchObject({ action: 'clarify', language: 'es' });
    expect(d.text).toMatch(/Qué ha pasado o qué necesita/);
  });
  it('announced again without the need, a person takes it (not asked a second time)', () => {
    const ds = converse(['I have a question', 'I need help with my account']);
    expect(ds.map((d) => d.action)).toEqual(['clarify', 'handoff']);
    expect(ds[1].reasons).toEqual(['low_confidence']);
  });
  it('a need said is never asked about: answered, or handed off when unsure', () => {
    expect(converse(['I need help resetting my password'])[0]).toMatchObject({ action: 'answer' });
    expect(converse(['hi, I have a question about shipping to the moon'])[0].action).not.toBe('clarify');
  });
  it('a request for a person beside the announcement is still one', () => {
    const [d] = converse(['I have a question, can I talk to a real person?']);
    expect(d).toMatchObject({ action: 'handoff', reasons: ['customer_requested'] });
  });
});

describe('junk never gets an article', () => {
  it.each(['what is 2+2', 'A'.repeat(4000), 'asdfghjkl', '!!!!!!'])('asks to rephrase first, then offers a person: %#', (text) => {
    const [first, second, third] = converse([text, text, text]);
    expect(first.action).toBe('clarify');
    expect(first.citations).toEqual([]);
    expect(first.text).toMatch(/help/);
    expect(second).toMatchObject({ action: 'clarify', citations: [] });
    expect(second.text).toMatch(/person/);
    // The offer ignored with more of the same: a person takes over.
    expect(third).toMatchObject({ action: 'handoff', reasons: ['low_confidence'] });
  });
  it('a yes to the offer of a person hands off as the customer asked; a real question instead is answered', () => {
    const accepted = converse(['asdfghjkl', 'qwertyuiop', 'yes please']);
    expect(accepted[2]).toMatchObject({ action: 'handoff', reasons: ['customer_requested'] });
    const asked = converse(['asdfghjkl', 'qwertyuiop', 'How do I get a refund?']);
    expect(asked[2].action).toBe('answer');
  });
  it('a question on something the knowledge never mentions gets no article: what the bot can help with, then a person', () => {
    const [first, second, third] = converse(['who won the world cup in 1998?', 'tell me a joke', 'what is the capital of France?']);
    expect(first).toMatchObject({ action: 'clarify', citations: [], intent: null });
    // Understood, so not "I didn't understand": not this bot's business, and what it does know.
    expect(first.text).toMatch(/not something I can help with here/);
    expect(first.text).toMatch(/questions such as “Refund policy”/);
    expect(second).toMatchObject({ action: 'clarify', citations: [] });
    expect(second.text).toMatch(/person/);
    expect(third).toMatchObject({ action: 'handoff', reasons: ['low_confidence'] });
    // A support matter the knowledge does not cover, or a line in a language it is not written in
    // (its words unknown for that reason), is not dismissed: a person takes it.
    expect(converse(['I did not authorize this charge'])[0]).toMatchObject({ action: 'handoff', reasons: ['low_confidence'] });
    expect(converse(['hola, ¿cuánto tarda el envío?'])[0]).toMatchObject({ action: 'handoff', reasons: ['low_confidence'] });
  });
});

describe('escalation', () => {
  it('an explicit request for a person wins over an answer', () => {
    const [d] = converse(["is there a human I can chat with? my card still hasn't arrived"]);
    expect(d.action).toBe('handoff');
    expect(d.reasons).toContain('customer_requested');
  });
  it('a request the detector misses but an article written for such requests recognises is handed off, not answered', () => {
    // The shop's "Talk to a person" page has requests for a person as its examples.
    const shop = readFileSync(new URL('../../bench/retail/kb.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Article)
      .filter((a) => a.id === 'talk-to-a-person');
    const withPage = new EmbeddedEngine(buildKnowledge([...demo, ...shop]));
    for (const text of ['can i tlak to a humna', 'supervisor please']) {
      const d = withPage.turnSync({ text, history: [], policy });
      expect(d.trace.candidates).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'talk-to-a-person' })]));
      expect(d.confidence, text).toBeGreaterThanOrEqual(d.threshold);
      expect(d).toMatchObject({ action: 'handoff', reasons: ['customer_requested'], citations: [] });
    }
    // A question about contacting the team is still answered.
    expect(withPage.turnSync({ text: 'what are your opening hours?', history: [], policy }).action).toBe('answer');
  });
  it('a request typed as one run-on line with the problem: handed off, the intent read from the problem', () => {
    // "my order never came" no longer names its article surely enough for the brief since the
    // classifier reads the articles' words: "came" is the damaged-item page's ("my order came with a
    // scratch"); docs/engine.md, "Tilting the classifier by the article's words".
    const [d] = converse(["can i talk to someone my order still isn't here"]);
    expect(d).toMatchObject({ action: 'handoff', reasons: ['customer_requested'] });
    expect(d.intent?.id).toBe('track-order');
  });
  it('a handoff records an intent only when the top article is credible (at least half the threshold)', () => {
    // No article is about a double charge: the best guess (0.1-0.2) is no label at all.
    for (const text of ['get me an agent i was charged twice', 'i was charged twice']) {
      const [d] = converse([text]);
      expect(d.action).toBe('handoff');
      expect(d.confidence).toBeLessThan(d.threshold / 2);
      expect(d.intent).toBeNull();
    }
    // Below the threshold but credible: handed off with its intent for the brief.
    const [late] = converse(["my order still isn't here"]);
    expect(late.action).toBe('handoff');
    expect(late.confidence).toBeGreaterThanOrEqual(late.threshold / 2);
    expect(late.intent?.id).toBe('track-order');
  });
  it('"hi" is not handed off and is not shipping-times', () => {
    const [d] = converse(['hi']);
    expect(d.action).toBe('social');
  });
  it('self-harm: handed off at once, urgent, with crisis resources (the workspace’s text when it has one)', () => {
    const [d] = converse(["I've lost all my savings and I don't want to live anymore"]);
    expect(d).toMatchObject({ action: 'handoff', urgent: true, reasons: ['sensitive_topic'], text: DEFAULT_CRISIS_MESSAGE });
    const [own] = converse(['i want to kill myself'], { ...policy, crisisMessage: 'Call 112 or the crisis line on 0800 111 0 111.' });
    expect(own.text).toBe('Call 112 or the crisis line on 0800 111 0 111.');
  });
  it.each(['Someone stole my identity and opened an account in my name', "I'm reporting you to the financial ombudsman"])(
    'urgent, without crisis text: "%s"',
    (text) => {
      const [d] = converse([text]);
      expect(d).toMatchObject({ action: 'handoff', urgent: true, text: '' });
      expect(d.reasons).toContain('sensitive_topic');
    },
  );
  it('self-harm in words no example uses, read by the sentence encoder through the engine: urgent, with crisis resources', async () => {
    const text = 'ive been hiding away my meds for weeks now';
    // The n-grams alone (no encoding) read nothing; the engine encodes the message before the turn.
    expect(converse([text])[0].urgent).toBeFalsy();
    const d = await engine.decide({ text, history: [], policy });
    expect(d).toMatchObject({ action: 'handoff', urgent: true, reasons: ['sensitive_topic'], text: DEFAULT_CRISIS_MESSAGE });
  });
  it('danger: urgent, with the emergency number, in the conversation’s language', () => {
    const [d] = converse(["my ex has my login and keeps moving money out of my account, I'm scared"]);
    expect(d).toMatchObject({ action: 'handoff', urgent: true, text: dangerReply('en') });
    expect(d.reasons).toContain('sensitive_topic');
    expect(converse(['mon mari me frappe tous les soirs et j’ai peur de rentrer chez moi'])[0].text).toBe(dangerReply('fr'));
  });
  it('a customer at risk is labelled (and so routed) by an intent only when the bot would answer with it', () => {
    // "card" made this Gift cards at about half the threshold: routed to Billing as a gift-card question.
    const [danger] = converse(['i am terrified of my husband, he took my card']);
    expect(danger).toMatchObject({ action: 'handoff', urgent: true, intent: null });
    expect(danger.confidence).toBeGreaterThan(danger.threshold / 2);
    const [sure] = converse(['i want to kill myself over this refund']);
    expect(sure).toMatchObject({ action: 'handoff', urgent: true, intent: { id: 'refund-policy' } });
    // Fraud is not a risk to the person: its label stays at the usual bar.
    expect(converse(['someone hacked my account and changed my email'])[0].intent?.id).toBe('change-email');
  });
  it('anger is seen', () => {
    const [d] = converse(["worst service ever… I'm done with you people"]);
    expect(d.reasons).toContain('negative_sentiment');
  });
  it('in other languages: a request, anger and a legal threat, each in words of its own', () => {
    // The request and the anger are read by the reader of those two in other languages, the
    // threat by the legal lines of the model for other languages (signals/model.ts, examples.ts).
    const [asked, angry, threat] = converse([
      'mitarbeiterin bitte, dringend',
      'Jamais plus chez vous, bande de voleurs',
      'Ik stap naar de kantonrechter als ik mijn borg niet terugkrijg',
    ]);
    expect(asked).toMatchObject({ action: 'handoff', language: 'de' });
    expect(asked.reasons).toContain('customer_requested');
    expect(angry.language).toBe('fr');
    expect(angry.reasons).toContain('negative_sentiment');
    expect(threat).toMatchObject({ action: 'handoff', urgent: true, language: 'nl' });
    expect(threat.reasons).toContain('sensitive_topic');
  });
});

describe('language', () => {
  it('a short English line is English, and the locale decides a line with no words of its own', () => {
    expect(converse(['how do I reset my password'])[0].language).toBe('en');
    expect(converse(['12345'], policy, 'de-DE')[0].language).toBe('de');
  });
});

describe('baton eval: the social outcome', () => {
  it('tickets may expect it; it counts as neither answer nor hand-off', async () => {
    const { tickets } = parseTickets(
      [
        { id: 's1', messages: [{ role: 'customer', text: 'thanks!' }], expected: { outcome: 'social' } },
        { id: 's2', messages: [{ role: 'customer', text: 'hi' }], expected: { outcome: 'handoff' } },
        {
          id: 'a1',
          messages: [
            { role: 'customer', text: 'hello' },
            { role: 'customer', text: 'how do I get a refund?' },
          ],
          expected: { outcome: 'answer', article: 'refund-policy' },
        },
      ]
        .map((t) => JSON.stringify(t))
        .join('\n'),
    );
    const { summary, results } = await evaluate(async () => engine, demo, tickets, { threshold: null });
    expect(results.map((r) => [r.outcome, r.correct])).toEqual([
      ['social', true],
      ['social', false],
      ['answer', true],
    ]);
    expect(summary).toMatchObject({
      social: 2,
      social_expected: 1,
      answered: 1,
      handed_off: 0,
      handoff_recall: 0,
      answer_expected: 1,
      handoff_expected: 1,
      resolution_rate: 1,
    });
    expect(JSON.parse(detailLine(results[0]))).toMatchObject({ id: 's1', outcome: 'social', correct: true });
    // Re-scored at any threshold, a social reply stays one.
    expect(summary.curve.every((p) => p.handoff_recall === 0)).toBe(true);
  });
});
