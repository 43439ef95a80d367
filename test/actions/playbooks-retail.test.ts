// The playbook runner against the retail stand-in over real HTTP on loopback (bundled subset),
// with the shop's own workspace (bench/retail/workspace.json): verification, confirmation before
// every write, changes of mind, policy checks, another customer's order, a broken API, and
// `baton eval --tools` on two scripted tickets.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionsConfigSchema, type ActionsConfig } from '../../src/actions/config.ts';
import { runActionTurn } from '../../src/actions/playbooks/runner.ts';
import { runnerText } from '../../src/actions/playbooks/texts.ts';
import { createToolCaller } from '../../src/actions/tools/call.ts';
import type { ActionTurnInput, ActionTurnResult, ToolCallRecord } from '../../src/actions/types.ts';
import { startRetailApi, type RunningRetailApi } from '../../src/demo/retail-api/server.ts';
import { standInHooks } from '../../src/engine/eval/actions.ts';
import { evaluate } from '../../src/engine/eval/evaluate.ts';
import { TicketSchema } from '../../src/engine/eval/tickets.ts';
import { createEngine } from '../../src/engine/index.ts';
import { loadKnowledge } from '../../src/knowledge/index.ts';

/** The offer of a person after a question asked again, in English. */
const OFFER_PERSON = ` ${runnerText('offerPerson', 'en')}`;

let api: RunningRetailApi;
let config: ActionsConfig;
const raw = JSON.parse(readFileSync(new URL('../../bench/retail/workspace.json', import.meta.url), 'utf8'));

beforeAll(async () => {
  api = await startRetailApi();
  config = actionsConfigSchema.parse({ ...raw, apiBase: api.url });
});
afterAll(async () => api?.close());
beforeEach(async () => {
  await fetch(`${api.url}/__reset`, { method: 'POST' });
});

interface Turn {
  line: string;
  result: ActionTurnResult;
}

/** Plays the customer's lines one turn at a time, as the conversation layer would. */
async function converse(
  lines: string[],
  cfg: ActionsConfig = config,
  intent: ActionTurnInput['intent'] = null,
  decisions: ActionTurnInput['decision'][] = [],
): Promise<Turn[]> {
  const call = createToolCaller({ apiBase: cfg.apiBase!, allowPrivate: true });
  const turns: Turn[] = [];
  const history: { role: 'customer' | 'bot'; text: string }[] = [];
  let state: ActionTurnResult['state'] = null;
  for (const [i, line] of lines.entries()) {
    const result = await runActionTurn(cfg, {
      text: line,
      history: history.slice(),
      intent,
      threshold: 0.5,
      decision: decisions[i],
      state,
      identity: null,
      turn: i + 1,
      call,
    });
    turns.push({ line, result });
    state = result.state;
    history.push({ role: 'customer', text: line }, { role: 'bot', text: result.reply });
  }
  return turns;
}

const writes = (turns: Turn[]): ToolCallRecord[] => turns.flatMap((t) => t.result.calls).filter((c) => c.kind === 'write');
const order = async (id: string) => (await (await fetch(`${api.url}/orders/${encodeURIComponent(id)}`)).json()) as { status: string };

describe('playbooks against the retail stand-in', () => {
  it('verifies, asks one thing at a time, confirms, and writes only on the yes', async () => {
    const turns = await converse([
      "I'd like to cancel my order #W3942868",
      'harper.moore2816@example.com',
      "I don't need it any more",
      'Yes, please cancel it.',
    ]);
    expect(turns[0].result.reply).toMatch(/e-mail address/);
    expect(turns[1].result.calls.map((c) => c.name)).toEqual(['find_user_id_by_email', 'get_user_details', 'get_order_details']);
    expect(turns[1].result.identity).toMatchObject({ id: 'harper_moore_3210', via: 'tool', using: ['email'] });
    expect(turns[1].result.calls[2].summary).toBe('Looked up order #W3942868: pending, 1 items, $98.82');
    expect(turns[2].result.reply).toMatch(/cancel order #W3942868 .* no longer needed.*Shall I go ahead/s);
    expect(writes(turns.slice(0, 3))).toEqual([]);
    expect(writes(turns)).toMatchObject([
      { name: 'cancel_pending_order', args: { order_id: '#W3942868', reason: 'no longer needed' }, turn: 4, ok: true },
    ]);
    expect(turns[3].result.reply).toMatch(/is cancelled/);
    expect(await order('#W3942868')).toMatchObject({ status: 'cancelled' });
  });

  it('takes "no" as no, and writes nothing', async () => {
    const turns = await converse(['Cancel order #W3942868, I ordered it by mistake', 'harper.moore2816@example.com', 'No']);
    expect(turns[1].result.reply).toMatch(/ordered by mistake/);
    expect(turns[2].result.reply).toMatch(/haven't changed anything/);
    expect(writes(turns)).toEqual([]);
    // A yes that asks for something else is no yes, even when the change cannot be read.
    const but = await converse([
      'Cancel order #W3942868, I ordered it by mistake',
      'harper.moore2816@example.com',
      'ok, but refund it to a gift card',
    ]);
    expect(but[2].result.reply).toMatch(/clear yes or no/);
    expect(writes(but)).toEqual([]);
    expect(await order('#W3942868')).toMatchObject({ status: 'pending' });
  });

  it('follows a change of mind before the yes: the new confirmation lists everything, and the yes runs that', async () => {
    const turns = await converse([
      'I want to return the sneakers from order #W5866402',
      'Olivia Ito, zip code 80218.',
      'Oh, and also the espresso machine please.',
      "I'd like the refund on my gift card.",
      'Yes, go ahead.',
    ]);
    expect(turns[1].result.reply).toMatch(/return Sneakers .* to paypal/s);
    expect(turns[2].result.reply).toMatch(/return Espresso Machine .*Sneakers|return Sneakers .*Espresso Machine/s);
    expect(turns[3].result.reply).toMatch(/gift card/);
    expect(writes(turns)).toHaveLength(1);
    expect(writes(turns)[0]).toMatchObject({ name: 'return_delivered_order_items', turn: 5, ok: true });
    expect([...(writes(turns)[0].args.item_ids as string[])].sort()).toEqual(['6242772310', '9727387530']);
    expect(writes(turns)[0].args.payment_method_id).toBe('gift_card_7794233');
  });

  it('chooses another variant by the option words, the cheaper when asked', async () => {
    const turns = await converse([
      'I want to exchange the gaming mouse from order #W7273336',
      'My email is omar.lopez1868@example.com',
      'A white optical one instead, wired or wireless, whichever is cheaper.',
      'Yes',
    ]);
    expect(turns[2].result.reply).toMatch(/Gaming Mouse \(black, laser, wireless\) for white, optical, wired/);
    expect(writes(turns)).toMatchObject([
      {
        name: 'exchange_delivered_order_items',
        args: { order_id: '#W7273336', item_ids: ['8214883393'], new_item_ids: ['2880340443'] },
        ok: true,
      },
    ]);
  });

  it('explains a policy check and writes nothing: a delivered order cannot be cancelled', async () => {
    const turns = await converse(['Please cancel order #W5866402', 'Olivia Ito, zip code 80218.']);
    expect(turns[1].result.reply).toMatch(/#W5866402 is delivered, so I can't cancel it: only pending orders can be cancelled/);
    expect(writes(turns)).toEqual([]);
  });

  it("refuses another customer's order, and hands off when the customer insists", async () => {
    const turns = await converse(['Cancel order #W5442520 please', 'harper.moore2816@example.com', 'Cancel order #W5442520, I said.']);
    expect(turns[1].result.calls.find((c) => c.name === 'get_order_details')).toMatchObject({ ok: false, error: 'refused' });
    expect(turns[1].result.reply).toMatch(/only help with the account of the person/);
    expect(turns[1].result.handoff).toBeUndefined();
    expect(turns[2].result.handoff).toMatchObject({ reason: 'policy' });
    expect(writes(turns)).toEqual([]);
    const other = await converse(["I need to cancel my wife's order #W5442520"]);
    expect(other[0].result.reply).toMatch(/only help with the account of the person/);
  });

  it('asks again when no account fits, and tries every e-mail given', async () => {
    const turns = await converse(['Cancel order #W3942868', 'nobody@example.com', 'maybe old@example.com or harper.moore2816@example.com']);
    expect(turns[1].result.reply).toMatch(/couldn't find an account/);
    expect(turns[2].result.calls.filter((c) => c.name === 'find_user_id_by_email').map((c) => c.ok)).toEqual([false, true]);
    expect(turns[2].result.identity?.id).toBe('harper_moore_3210');
  });

  it('leaves a question the engine is sure of to the engine, even with a weak cue and an e-mail in it', async () => {
    const line = 'I am harper.moore2816@example.com, how long does a refund take?';
    const [sure] = await converse([line], config, { id: 'refund-policy', confidence: 0.9 });
    expect(sure.result).toMatchObject({ handled: false, calls: [] });
    // Unsure what it is, the cue may still start a request.
    const [unsure] = await converse([line], config, { id: 'refund-policy', confidence: 0.2 });
    expect(unsure.result.handled).toBe(true);
  });

  it('leaves "can I pay with paypal?" to the engine (a question on payment methods) but takes a change of an order\'s payment', async () => {
    const [question] = await converse(['can I pay with paypal?'], config, { id: 'payment-methods', confidence: 0.9 });
    expect(question.result).toMatchObject({ handled: false, calls: [] });
    for (const line of ['I want to pay for it with my PayPal instead', 'can I pay the order with my gift card balance']) {
      const [change] = await converse([line]);
      expect(change.result.handled).toBe(true);
      expect(change.result.playbook).toBe('change-order-payment');
    }
  });

  // "thanks" while the bot waited for the customer's e-mail brought the same question back word for word.
  it('acknowledges small talk while a request waits, leaves a goodbye to the engine, and goes on when the customer does', async () => {
    const social = (kind: string) => ({ action: 'social', social: kind });
    const turns = await converse(['where is my order #W3942868?', 'thanks', 'bye for now', 'harper.moore2816@example.com'], config, null, [
      undefined,
      social('thanks'),
      social('bye'),
      undefined,
    ]);
    const ask = turns[0].result.reply;
    expect(ask).toMatch(/e-mail address/);
    expect(turns[1].result.reply).toBe(`You're welcome! ${ask}${OFFER_PERSON}`);
    expect(turns[2].result).toMatchObject({ handled: false, calls: [] });
    expect(turns[3].result.calls.map((c) => c.name)).toContain('find_user_id_by_email');
    expect(turns[3].result.identity?.id).toBe('harper_moore_3210');
    const [, hi] = await converse(['where is my order #W3942868?', 'hi'], config, null, [undefined, social('greeting')]);
    expect(hi.result.reply).toBe(`Hi! ${ask}${OFFER_PERSON}`);
  });

  // A shop serving German customers: the runner's own words (the acknowledgment, the offer of a
  // person) came in English around the shop's German question.
  it("speaks the conversation's language: the workspace's text for it and the runner's own words", async () => {
    const ask = { en: raw.identity.ask, de: 'Bevor ich in Ihr Konto schaue: Wie lautet die E-Mail-Adresse darauf?' };
    const german = actionsConfigSchema.parse({
      ...raw,
      apiBase: api.url,
      identity: { ...raw.identity, ask },
      playbooks: raw.playbooks.map((p: { id: string; trigger: { patterns: string[] } }) =>
        p.id === 'order-status' ? { ...p, trigger: { ...p.trigger, patterns: [...p.trigger.patterns, 'wo ist meine bestellung'] } } : p,
      ),
    });
    const de = (social?: string) => ({ action: social ? 'social' : 'handoff', social: social ?? null, language: 'de' });
    const turns = await converse(['Wo ist meine Bestellung #W3942868?', 'danke', 'hallo'], german, null, [
      de(),
      de('thanks'),
      de('greeting'),
    ]);
    expect(turns[0].result.reply).toBe(ask.de);
    expect(turns[1].result.reply).toBe(`Gern geschehen! ${ask.de} ${runnerText('offerPerson', 'de')}`);
    expect(turns[1].result.reply).toMatch(/Person aus unserem Team/);
    expect(turns[2].result.reply).toBe(`Hallo! ${ask.de} ${runnerText('offerPerson', 'de')}`);
    // "nein" takes the offer, made in German.
    const [, , declined] = await converse(['Wo ist meine Bestellung #W3942868?', 'hmm', 'nein'], german, null, [de(), de(), de()]);
    expect(declined.result).toMatchObject({ handled: true, reply: '', handoff: { reason: 'customer_requested' } });
    // A language the workspace wrote nothing in reads its English text, and the runner's words
    // stay in the language of the text they go with (not "Avec plaisir ! Before I look at…").
    const [fr] = await converse(['where is my order #W3942868?'], german, null, [{ action: 'handoff', language: 'fr' }]);
    expect(fr.result.reply).toBe(ask.en);
    const [, frThanks] = await converse(['where is my order #W3942868?', 'merci'], german, null, [
      { action: 'handoff', language: 'fr' },
      { action: 'social', social: 'thanks', language: 'fr' },
    ]);
    expect(frThanks.result.reply).toBe(`You're welcome! ${ask.en} ${runnerText('offerPerson', 'en')}`);
  });

  // "my parcel hasn't arrived", "it was supposed to come last week", "that didn't help": the same
  // request for an e-mail came back three times, word for word.
  it('offers a person when it must ask the same thing again, and hands off when the customer pushes back', async () => {
    const lines = ['my parcel never arrived', 'it was supposed to come last week', "that didn't help"];
    const turns = await converse(lines, config, null, [undefined, undefined, { action: 'social', social: 'disagree' }]);
    const ask = turns[0].result.reply;
    expect(ask).toMatch(/e-mail address/);
    expect(turns[1].result.reply).toBe(`${ask}${OFFER_PERSON}`);
    expect(turns[2].result).toMatchObject({ handled: true, reply: '', handoff: { reason: 'repeated_failure' } });
    expect(turns[2].result.handoff?.note).toContain(ask);
    // Anger read by the engine pushes back too; a line that does not is asked again, with the way out.
    const angry = { action: 'handoff', reasons: ['negative_sentiment'] };
    expect((await converse(lines, config, null, [undefined, undefined, angry]))[2].result.handoff?.reason).toBe('repeated_failure');
    expect((await converse([...lines.slice(0, 2), 'hmm let me look']))[2].result).toMatchObject({ reply: `${ask}${OFFER_PERSON}` });
    // Beside a yes-or-no question there is no offer: "no" answers the question.
    const confirming = await converse([
      'cancel order #W3942868',
      'harper.moore2816@example.com',
      "I don't need it any more",
      'hmm',
      'hmm',
      'no',
    ]);
    expect(confirming[3].result.reply).toMatch(/Shall I go ahead/);
    expect(confirming[4].result.reply).not.toContain(OFFER_PERSON);
    expect(confirming[5].result.handoff).toBeUndefined();
    expect(writes(confirming)).toEqual([]);
    // The offer taken: "no" or "I'd rather not" to the question it came with brings in a person.
    for (const declined of ['no', "i'd rather not"]) {
      const [, , took] = await converse([...lines.slice(0, 2), declined]);
      expect(took.result).toMatchObject({ handled: true, reply: '', handoff: { reason: 'customer_requested' } });
    }
    // An answer in between starts the count again.
    const wrong = await converse([
      'Cancel order #W3942868',
      'nobody@example.com',
      'nobody2@example.com',
      'nobody3@example.com',
      'harper.moore2816@example.com',
    ]);
    expect(wrong.map((t) => t.result.handoff)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(wrong[3].result.reply).not.toContain(OFFER_PERSON);
    expect(wrong[4].result.identity?.id).toBe('harper_moore_3210');
  });

  // The demo as served answered "can i exchange a gift card for cash?" with a request for the
  // customer's e-mail: the word "exchange" started the exchange of delivered items.
  it('leaves a question on a page no playbook is written for to the engine when it is sure, whatever word a pattern catches', async () => {
    const line = 'can i exchange a gift card for cash?';
    const [question] = await converse([line], config, { id: 'gift-cards', confidence: 0.98 });
    expect(question.result).toMatchObject({ handled: false, calls: [] });
    // Unsure, or sure of the exchange page itself, the request starts.
    for (const intent of [{ id: 'gift-cards', confidence: 0.3 }, { id: 'exchange-items', confidence: 0.9 }, null]) {
      const [asked] = await converse(['i want to exchange the kettle from my last order'], config, intent);
      expect(asked.result.playbook).toBe('exchange-items');
    }
  });

  // The demo serves the shop beside a help centre with a subscription page: "cancel" alone started
  // the order cancellation on "how do I cancel my subscription".
  it('leaves the cancellation of a subscription or plan to the engine, but takes the cancellation of an order', async () => {
    for (const line of ['how do I cancel my subscription', 'I want to cancel my plan before it renews', 'cancel my membership please']) {
      const [question] = await converse([line]);
      expect(question.result).toMatchObject({ handled: false, calls: [] });
    }
    for (const line of [
      'cancel my order',
      'I want to cancel the subscription box order #W5442520',
      'please cancel it, I ordered by mistake',
    ]) {
      const [request] = await converse([line]);
      expect(request.result.playbook).toBe('cancel-order');
    }
  });

  it('takes "my order never arrived" as a look-up of the order, whatever the engine read', async () => {
    for (const line of [
      'my order never arrived',
      "the package still hasn't shown up",
      'my parcel did not come yet',
      'my order is late',
      'the parcel seems lost',
    ]) {
      const [asked] = await converse([line]);
      expect(asked.result.playbook).toBe('order-status');
    }
    const [cancel] = await converse(["please cancel my order, it hasn't shipped yet"]);
    expect(cancel.result.playbook).toBe('cancel-order');
  });

  // Before, the bot asked for the e-mail again whatever the customer asked meanwhile.
  it('leaves a question asked aside to the engine, keeps the request, and goes on when the customer comes back to it', async () => {
    const call = createToolCaller({ apiBase: config.apiBase!, allowPrivate: true });
    let asked = '';
    const play = (text: string, state: ActionTurnResult['state'], intent: ActionTurnInput['intent'] = null, clarify?: string) =>
      runActionTurn(config, {
        text,
        history: [{ role: 'bot', text: asked }],
        intent,
        threshold: 0.5,
        ...(clarify ? { decision: { action: 'clarify', clarify } } : {}),
        state,
        identity: null,
        turn: 1,
        call,
      });
    const first = await play('Where is my order #W3942868?', null);
    expect(first.reply).toMatch(/e-mail address/);
    asked = first.reply;
    const aside = await play('how long does shipping take?', first.state, { id: 'shipping', confidence: 0.9 });
    expect(aside).toMatchObject({ handled: false, calls: [] });
    expect(aside.state).toEqual(first.state);
    const announced = await play('I have another question', first.state, null, 'details');
    expect(announced).toMatchObject({ handled: false, calls: [] });
    expect((await play('harper.moore2816@example.com', aside.state)).reply).toMatch(/#W3942868/);
    // Unsure what the line is, or a line that gives what was asked: the request takes it.
    expect((await play('how long does shipping take?', first.state, { id: 'shipping', confidence: 0.2 })).handled).toBe(true);
    const given = await play('it is harper.moore2816@example.com, how long does shipping take?', first.state, {
      id: 'shipping',
      confidence: 0.9,
    });
    expect(given.reply).toMatch(/#W3942868/);
    // A question on what the bot just asked is the request's ("where can the refund go?" when it asked where the refund goes).
    expect((await play('which e-mail address do you mean?', first.state, { id: 'shipping', confidence: 0.9 })).handled).toBe(true);
  });

  it('leaves a request for a person to the engine, the request under way kept', async () => {
    const turns = await converse(['Cancel order #W3942868', 'harper.moore2816@example.com', 'I want to talk to a supervisor']);
    expect(turns[2].result).toMatchObject({ handled: false, calls: [] });
    expect(turns[2].result.state).toEqual(turns[1].result.state);
  });

  it('hands off with action_failed when the API cannot be reached', async () => {
    const down = actionsConfigSchema.parse({ ...raw, apiBase: 'http://127.0.0.1:9' });
    const turns = await converse(['Cancel order #W3942868', 'harper.moore2816@example.com'], down);
    expect(turns[1].result.handoff).toMatchObject({ reason: 'action_failed' });
    expect(turns[1].result.calls[0]).toMatchObject({ ok: false, error: 'network' });
    expect(writes(turns)).toEqual([]);
  });

  it('baton eval --tools: action accuracy, every call in the details, the API state checked', async () => {
    const kb = await loadKnowledge(new URL('../../bench/retail/kb.jsonl', import.meta.url).pathname);
    const tickets = [
      {
        id: 'ok',
        messages: [
          { role: 'customer', text: 'I want to cancel my order #W3942868' },
          { role: 'customer', text: 'harper.moore2816@example.com' },
          { role: 'customer', text: "I don't need it any more." },
          { role: 'customer', text: 'Yes, cancel it.' },
        ],
        expected: {
          outcome: 'answer',
          actions: [{ name: 'cancel_pending_order', args: { order_id: '#W3942868', reason: 'no longer needed' } }],
        },
      },
      {
        id: 'wrong-reason',
        messages: [
          { role: 'customer', text: 'I want to cancel my order #W3942868' },
          { role: 'customer', text: 'harper.moore2816@example.com' },
          { role: 'customer', text: 'I ordered it by mistake.' },
          { role: 'customer', text: 'Yes, cancel it.' },
        ],
        expected: {
          outcome: 'answer',
          actions: [{ name: 'cancel_pending_order', args: { order_id: '#W3942868', reason: 'no longer needed' } }],
        },
      },
    ].map((t) => TicketSchema.parse(t));
    const call = createToolCaller({ apiBase: api.url, allowPrivate: true });
    const { summary, results } = await evaluate(createEngine, kb.articles, tickets, {
      threshold: null,
      actions: { config, call, ...standInHooks(api.url, call, config) },
    });
    expect(summary).toMatchObject({ action_tickets: 2, action_correct: 1, action_accuracy: 0.5, state_matches: 1 });
    expect(results[0]).toMatchObject({ correct: true, actions_ok: true, state_match: true });
    expect(results[0].actions).toContainEqual({
      name: 'cancel_pending_order',
      args: { order_id: '#W3942868', reason: 'no longer needed' },
      kind: 'write',
      turn: 4,
      ok: true,
    });
    expect(results[1]).toMatchObject({ correct: false, actions_ok: false, state_match: false });
  });
});

describe('a request that points back at the order just talked about', () => {
  const lookedUp = ['Where is my order #W5442520?', 'Olivia Ito, zip code 80218.'];

  it('"cancel it" after a look-up takes that order: not asked again, confirmed and cancelled', async () => {
    const turns = await converse([...lookedUp, 'Please cancel it.', "I don't need it any more", 'Yes']);
    expect(turns[1].result).toMatchObject({ playbook: 'order-status' });
    expect(turns[1].result.reply).toMatch(/Order #W5442520 is pending/);
    expect(turns[2].result).toMatchObject({ handled: true, playbook: 'cancel-order' });
    expect(turns[2].result.reply).not.toMatch(/which order/i);
    expect(turns[2].result.reply).toMatch(/why you'd like to cancel/);
    expect(turns[3].result.reply).toMatch(/cancel order #W5442520 \(Gaming Mouse, Patio Umbrella and Hiking Boots/);
    expect(writes(turns)).toMatchObject([
      { name: 'cancel_pending_order', args: { order_id: '#W5442520', reason: 'no longer needed' }, turn: 5, ok: true },
    ]);
    expect(await order('#W5442520')).toMatchObject({ status: 'cancelled' });
  });

  it('"that order" takes the order just looked up among several pending ones', async () => {
    const turns = await converse([...lookedUp, 'Can I change the payment method of that order?']);
    expect(turns[2].result).toMatchObject({ playbook: 'change-order-payment' });
    expect(turns[2].result.reply).not.toMatch(/which order/i);
    expect(turns[2].result.reply).toMatch(/Which payment method/);
    expect(turns[2].result.state).toMatchObject({ active: { slots: { order_id: '#W5442520' } } });
  });

  it('a line naming another order takes that one, even with "that one" in it', async () => {
    const turns = await converse([...lookedUp, 'Can you cancel #W7941031? That one I no longer need.', 'Yes']);
    expect(turns[2].result.reply).toMatch(/cancel order #W7941031 \(Wristwatch and Backpack/);
    expect(writes(turns)).toMatchObject([{ name: 'cancel_pending_order', args: { order_id: '#W7941031' }, ok: true }]);
    expect(await order('#W5442520')).toMatchObject({ status: 'pending' });
  });

  it('a request that does not point back asks which order', async () => {
    const turns = await converse([...lookedUp, 'I want to cancel an order as well']);
    expect(turns[2].result).toMatchObject({ playbook: 'cancel-order' });
    expect(turns[2].result.reply).toMatch(/Which order/i);
  });
});
