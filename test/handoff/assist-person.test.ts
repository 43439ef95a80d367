import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArticleRow, MacroRow } from '../../src/db/schema.ts';
import { assistQuery, suggest } from '../../src/handoff/assist/suggest.ts';
import { aboutReachingPerson } from '../../src/engine/understand/index.ts';
import { conversationRow, messageMaker, ROWS_AT } from '../support/rows.ts';

// A customer who asked for a person is talking to one: the agent's drafts answer what they
// need, never "how to reach a person". The retail demo's knowledge has such an article.
const articles: ArticleRow[] = readFileSync(new URL('../../bench/retail/kb.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; title: string; body: string; url?: string; examples?: string[] })
  .map((a) => ({
    workspace_id: 'w1',
    id: a.id,
    title: a.title,
    body: a.body,
    url: a.url ?? null,
    locale: 'en',
    tags: [],
    examples: a.examples ?? [],
    content_hash: a.id,
    version: 1,
    updated_at: ROWS_AT,
  }));
const macro = (id: string, title: string, body: string, tags: string[], language: string | null = null): MacroRow => ({
  id,
  workspace_id: 'w1',
  title,
  body,
  tags,
  language,
  team_id: null,
  created_by: null,
  created_at: ROWS_AT,
  updated_at: ROWS_AT,
});
const msg = messageMaker();
const customer = (text: string) => msg('customer', text);
const drafts = (messages: ReturnType<typeof customer>[], intent: string | null = null) =>
  suggest({
    conversation: conversationRow({ status: 'queued', controller: 'human', intent }),
    customer: null,
    agentName: null,
    messages,
    articles,
    pastReplies: [],
    macros: [],
    limit: 3,
  })
    .replies.filter((r) => r.kind === 'knowledge')
    .map((r) => r.article?.id);

describe('agent assist after a request for a person', () => {
  it('drafts for the need the customer named, not for their request for a person', () => {
    const need = [customer('I need to change the shipping address on my order'), customer('can I talk to a real person please')];
    expect(assistQuery(need)).toBe('I need to change the shipping address on my order');
    const ids = drafts(need);
    expect(ids[0]).toBe('change-order-address');
    expect(ids).not.toContain('talk-to-a-person');
    // The request and the need in one line, with no punctuation between them.
    const runOn = [customer('get me an agent i want to cancel my order before it ships')];
    expect(assistQuery(runOn)).toBe('i want to cancel my order before it ships');
    expect(drafts(runOn)[0]).toBe('cancel-order');
  });

  it('never drafts from an article about reaching a person, even when the bot recorded it as the intent', () => {
    const ids = drafts([customer('I want to talk to a human'), customer('hello? is anyone there')], 'talk-to-a-person');
    expect(ids).not.toContain('talk-to-a-person');
    // Of the shop's articles, only that one is about reaching a person.
    expect(articles.filter(aboutReachingPerson).map((a) => a.id)).toEqual(['talk-to-a-person']);
  });

  it('drafts from the intent the bot recorded', () => {
    expect(drafts([customer('a person please')], 'return-items')).toEqual(['return-items']);
  });
});

// A customer who said they are at risk is answered in the agent's own words, not with a page.
describe('agent assist after a statement of self-harm or danger', () => {
  const said = 'i am terrified of my husband';
  const handoff = (kind: string) =>
    msg('system', 'Nobody from our team is available right now.', { trace: { signals: { sensitive: { kind } } } });

  it('offers no knowledge draft when the bot read self-harm or danger', () => {
    // Without the reading, the best-matching page is drafted (what an agent saw before).
    const abuse = 'my husband hits me and he changed the shipping address on my order';
    expect(drafts([customer(abuse)])).toContain('change-order-address');
    expect(drafts([customer(abuse), handoff('safety')])).toEqual([]);
    expect(drafts([customer(said), handoff('safety')])).toEqual([]);
    expect(drafts([customer("I don't want to be here anymore, my order is late"), handoff('self_harm')])).toEqual([]);
  });

  it('keeps the drafts of a fraud report, and the team past replies', () => {
    expect(drafts([customer('someone changed the email on my account and ordered things'), handoff('fraud')]).length).toBeGreaterThan(0);
    const fraud = suggest({
      conversation: conversationRow({ status: 'queued', controller: 'human', intent: null }),
      customer: null,
      agentName: null,
      messages: [customer('someone changed the email on my account'), handoff('fraud')],
      articles,
      pastReplies: [],
      macros: [],
      limit: 3,
    });
    expect(fraud.drafts_withheld).toBeNull();
    const withPast = suggest({
      conversation: conversationRow({ status: 'queued', controller: 'human', intent: null }),
      customer: null,
      agentName: null,
      messages: [customer(said), handoff('safety')],
      articles,
      pastReplies: [
        {
          reply_id: 'r1',
          conversation_id: 'c0',
          team_id: null,
          reply: 'I am here with you. Are you safe right now?',
          asked: 'i am scared of my husband',
        },
      ],
      macros: [],
      limit: 3,
    });
    expect(withPast.replies.map((r) => r.kind)).toEqual(['past_reply']);
    // The panel says why there is no draft from the knowledge.
    expect(withPast.drafts_withheld).toBe('at_risk');
  });

  it("puts the team's safety macros first for a customer at risk, whatever words they used", () => {
    const macros = [
      macro('m1', 'Ask for the order number', 'Could you send me the order number of your order?', ['order']),
      macro('m2', 'Are you safe right now?', 'Hi {{customer.name}}, are you safe right now?', ['Safety']),
      macro('m3', 'Anything else?', 'Anything else I can help with?', ['closing']),
    ];
    const titles = (messages: ReturnType<typeof customer>[]) =>
      suggest({
        conversation: conversationRow({ status: 'queued', controller: 'human', intent: null }),
        customer: { name: 'Pia' } as never,
        agentName: 'Ada',
        messages,
        articles,
        pastReplies: [],
        macros,
        limit: 3,
      }).macros.map((m) => m.title);
    const said = 'my husband hits me and he changed the address on my order';
    // Without the reading, the words pick the order macro and nothing about safety.
    expect(titles([customer(said)])).toEqual(['Ask for the order number']);
    expect(titles([customer(said), handoff('safety')])).toEqual(['Are you safe right now?', 'Ask for the order number']);
    expect(titles([customer(said), handoff('fraud')])).toEqual(['Ask for the order number']);
  });

  it("offers the macros written in the customer's language, and others only where none is", () => {
    const check = (language: string | null) =>
      macro(`safe-${language}`, `check-in ${language ?? 'any'}`, 'Are you safe?', ['safety'], language);
    const titles = (language: string | null, macros: MacroRow[]) =>
      suggest({
        conversation: conversationRow({ status: 'queued', controller: 'human', intent: null, language }),
        customer: null,
        agentName: 'Ada',
        messages: [customer('je veux en finir, annulez ma commande'), handoff('self_harm')],
        articles,
        pastReplies: [],
        macros,
        limit: 3,
      }).macros.map((m) => m.title);
    const all = [check('en'), check('fr'), check('pt')];
    expect(titles('fr', all)).toEqual(['check-in fr']);
    // A regional code reads as its language; one for any language is offered beside it.
    expect(titles('pt-BR', [...all, check(null)])).toEqual(['check-in pt', 'check-in any']);
    // No check-in in German: all of them, rather than none.
    expect(titles('de', all)).toEqual(['check-in en', 'check-in fr', 'check-in pt']);
    // A conversation whose language is not known yet sees every macro.
    expect(titles(null, all)).toHaveLength(3);
  });
});
