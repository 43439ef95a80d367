import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { apiClient } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';
import * as messages from '../../src/db/repositories/messages.ts';
import { findConversation } from '../../src/db/repositories/conversations.ts';
import { listEvents } from '../../src/db/repositories/events.ts';

// The bot's plain answer is one guarded statement (decisions/0005), and the customer's line
// brings the bot's context back with it: both must write nothing, or say "read it yourself",
// whenever the conversation moved on since the caller looked.
describe("the bot's answer and its context in the line's own statements", () => {
  const t = useTestBaton();
  const db = () => t.tdb.database.db;

  /** A conversation with the bot that has had `lines` exchanges (each line answered). */
  async function chat(lines: string[]) {
    const api = apiClient(t.baton.url);
    const { token, conversation } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
    for (const text of lines) {
      const res = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text } });
      expect(res.body.replies).toHaveLength(1);
    }
    return (await findConversation(db(), t.ws.id, conversation.id))!;
  }

  const reply = (text: string) => ({ id: crypto.randomUUID(), text, citations: [], trace: { action: 'answer' } });
  const turn = (c: { workspace_id: string; id: string }, triggerSeq: number) => ({
    workspaceId: c.workspace_id,
    conversationId: c.id,
    triggerSeq,
    language: 'fr',
    intent: 'refunds',
  });

  it('answers only while the bot holds the conversation and nothing came after the line', async () => {
    const c = await chat(['How do refunds work?']);
    const noted: string[] = [];
    const remember = (m: { id: string }) => void noted.push(m.id);

    // A line came after the one answered: nothing written.
    expect(await messages.appendBotReplyIfCurrent(db(), turn(c, c.last_seq - 1), reply('late'), remember)).toBeUndefined();
    // Another workspace's id: nothing written.
    expect(
      await messages.appendBotReplyIfCurrent(db(), { ...turn(c, c.last_seq), workspaceId: crypto.randomUUID() }, reply('x'), remember),
    ).toBeUndefined();
    expect((await findConversation(db(), t.ws.id, c.id))!.last_seq).toBe(c.last_seq);

    const written = await messages.appendBotReplyIfCurrent(db(), turn(c, c.last_seq), reply('on time'), remember);
    expect(written?.message).toMatchObject({ seq: c.last_seq + 1, author: 'bot', redacted_text: 'on time' });
    expect(written?.conversation).toMatchObject({ language: 'fr', intent: 'refunds' });
    expect(noted).toEqual([written!.message.id]);
    const after = (await findConversation(db(), t.ws.id, c.id))!;
    expect(after).toMatchObject({ last_seq: c.last_seq + 1, language: 'fr', intent: 'refunds' });
    const events = await listEvents(db(), t.ws.id, c.id);
    expect(events.at(-1)).toMatchObject({ type: 'message.created', actor_type: 'bot', data: { message_id: written!.message.id } });

    // A person holds it now: the bot's answer is not written.
    await db().updateTable('conversations').set({ status: 'queued', controller: 'human' }).where('id', '=', c.id).execute();
    expect(await messages.appendBotReplyIfCurrent(db(), turn(c, after.last_seq), reply('too late'), remember)).toBeUndefined();
    expect((await findConversation(db(), t.ws.id, c.id))!.last_seq).toBe(after.last_seq);
  });

  it("returns the bot's context with the customer's line, or null when it may be stale", async () => {
    const c = await chat(['How do refunds work?', 'And shipping?']);
    const line = (lastSeq: number) =>
      messages.appendCustomerLineIfUnchanged(
        db(),
        { workspaceId: c.workspace_id, conversationId: c.id, status: 'bot', piiState: c.pii_state, lastSeq },
        {
          id: crypto.randomUUID(),
          text: 'one more',
          piiState: c.pii_state,
          clientMessageId: null,
          actor: { type: 'customer', id: c.customer_id },
        },
        () => {},
        3,
      );
    const read = await messages.recentMessages(db(), c.id, 3);
    const fresh = await line(c.last_seq);
    // The last three before the new line, oldest first: what a read right before would give.
    expect(fresh?.history?.map((h) => [h.author, h.redacted_text])).toEqual(read.map((m) => [m.author, m.redacted_text]));
    // Of a bot message, what the engine reads of its decision and citations (not the whole trace).
    const engineView = (m: { trace: unknown; citations: unknown }) => ({
      action: (m.trace as { action?: string } | null)?.action ?? null,
      clarify: (m.trace as { decision?: { clarify?: string } } | null)?.decision?.clarify ?? null,
      articles: (m.citations as { articleId?: string }[]).map((c) => c.articleId),
    });
    expect(read[2]!.author).toBe('bot');
    expect(engineView(read[2]!).articles.length).toBeGreaterThan(0);
    expect(fresh?.history?.map(engineView)).toEqual(read.map(engineView));
    // Read before that line: a line committed in between may be missing from the snapshot.
    expect((await line(c.last_seq))?.history).toBeNull();
  });

  it('writes answers given meanwhile in one statement, each under its own guard', async () => {
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => chat(['How do refunds work?'])));
    const noted: string[] = [];
    const remember = (m: { id: string }) => void noted.push(m.id);
    const results = await Promise.all([
      messages.appendBotReplyIfCurrent(db(), turn(a!, a!.last_seq), reply('a'), remember),
      messages.appendBotReplyIfCurrent(db(), turn(b!, b!.last_seq), reply('b'), remember),
      messages.appendBotReplyIfCurrent(db(), turn(c!, c!.last_seq - 1), reply('c, too late'), remember),
      messages.appendBotReplyIfCurrent(db(), turn(d!, d!.last_seq), reply('d'), remember),
      // The same conversation twice: only one answer to one line.
      messages.appendBotReplyIfCurrent(db(), turn(d!, d!.last_seq), reply('d again'), remember),
    ]);
    expect(results.map((r) => r?.message.redacted_text)).toEqual(['a', 'b', undefined, expect.stringMatching(/^d/), undefined]);
    expect(noted.sort()).toEqual(results.flatMap((r) => (r ? [r.message.id] : [])).sort());
    for (const [r, conv] of [
      [results[1], b],
      [results[3], d],
    ] as const)
      expect(r!.message).toMatchObject({ conversation_id: conv!.id, seq: conv!.last_seq + 1 });
    // Given in the same moment, they went in one statement: one transaction wrote them all.
    const ids = [results[0], results[1], results[3]].map((r) => r!.message.id);
    const { rows } = await sql<{ xmin: string }>`select xmin::text from messages where id in (${sql.join(ids)})`.execute(db());
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
    expect((await findConversation(db(), t.ws.id, c!.id))!.last_seq).toBe(c!.last_seq);
  });

  it("writes customers' lines sent meanwhile in one statement, each under its own guard and with its own context", async () => {
    const [a, b, c] = await Promise.all(
      [['How do refunds work?'], ['How do refunds work?', 'Do you ship abroad?'], ['How do refunds work?']].map(chat),
    );
    const noted: string[] = [];
    const line = (conv: typeof a, text: string, status = conv!.status) =>
      messages.appendCustomerLineIfUnchanged(
        db(),
        { workspaceId: conv!.workspace_id, conversationId: conv!.id, status, piiState: conv!.pii_state, lastSeq: conv!.last_seq },
        {
          id: crypto.randomUUID(),
          text,
          piiState: conv!.pii_state,
          clientMessageId: null,
          actor: { type: 'customer', id: conv!.customer_id },
        },
        (m) => void noted.push(m.id),
        10,
      );
    const results = await Promise.all([
      line(a, 'a'),
      line(b, 'b'),
      // Read as another status than it has: not written.
      line(c, 'c, stale', 'with_agent'),
      // The same conversation twice in one batch: one line is written, the other takes the locked path.
      line(a, 'a again'),
    ]);
    expect(results.map((r) => r?.message.redacted_text)).toEqual([expect.stringMatching(/^a/), 'b', undefined, undefined]);
    expect(results[0]!.message).toMatchObject({ conversation_id: a!.id, seq: a!.last_seq + 1, author: 'customer' });
    expect(results[1]!.message).toMatchObject({ conversation_id: b!.id, seq: b!.last_seq + 1, author: 'customer' });
    expect(noted.sort()).toEqual([results[0]!.message.id, results[1]!.message.id].sort());
    // Each line came back with its own conversation's context.
    expect(results[0]!.history!.map((h) => h.redacted_text)[0]).toBe('How do refunds work?');
    expect(results[1]!.history!.filter((h) => h.author === 'customer').map((h) => h.redacted_text)).toEqual([
      'How do refunds work?',
      'Do you ship abroad?',
    ]);
    const ids = [results[0], results[1]].map((r) => r!.message.id);
    const { rows } = await sql<{ xmin: string }>`select xmin::text from messages where id in (${sql.join(ids)})`.execute(db());
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
    const events = await listEvents(db(), t.ws.id, b!.id);
    expect(events.at(-1)).toMatchObject({ type: 'message.created', actor_type: 'customer', data: { message_id: results[1]!.message.id } });
    expect((await findConversation(db(), t.ws.id, c!.id))!.last_seq).toBe(c!.last_seq);
  });

  it("finds a batch's conversations by key, never by scanning the table (however few rows it has)", async () => {
    const [a, b] = await Promise.all([1, 2].map(() => chat(['How do refunds work?'])));
    // A table the planner knows to be small: hashing all of it once looked cheaper than a lookup per item.
    await sql`insert into customers (id, workspace_id) select gen_random_uuid(), ${t.ws.id} from generate_series(1, 300)`.execute(db());
    await sql`insert into conversations (id, workspace_id, customer_id, token_hash, channel, status, controller)
      select gen_random_uuid(), workspace_id, id, 'scan-' || id, 'web', 'closed', 'none' from customers
      where workspace_id = ${t.ws.id} and external_id is null and name is null`.execute(db());
    await sql`analyze conversations`.execute(db());
    await db()
      .transaction()
      .execute(async (trx) => {
        const scans = async () =>
          (
            await sql<{ seq: number; idx: number }>`select seq_scan::int as seq, idx_scan::int as idx from pg_stat_xact_user_tables
            where relname = 'conversations'`.execute(trx)
          ).rows[0] ?? { seq: 0, idx: 0 };
        const before = await scans();
        const replies = await Promise.all(
          [a!, b!].map((c) => messages.appendBotReplyIfCurrent(trx, turn(c, c.last_seq), reply('by key'), () => {})),
        );
        expect(replies.map((r) => r?.message.redacted_text)).toEqual(['by key', 'by key']);
        const lines = await Promise.all(
          [a!, b!].map((c) =>
            messages.appendCustomerLineIfUnchanged(
              trx,
              { workspaceId: c.workspace_id, conversationId: c.id, status: 'bot', piiState: c.pii_state, lastSeq: c.last_seq + 1 },
              {
                id: crypto.randomUUID(),
                text: 'next',
                piiState: c.pii_state,
                clientMessageId: null,
                actor: { type: 'customer', id: null },
              },
              () => {},
            ),
          ),
        );
        expect(lines.map((l) => l?.message.redacted_text)).toEqual(['next', 'next']);
        const after = await scans();
        expect(after.seq - before.seq).toBe(0);
        expect(after.idx - before.idx).toBeGreaterThan(0);
      });
  });

  it('updates a bot-held conversation in place: no index entries, and updated_at moves at most once a minute', async () => {
    const c = await chat(['How do refunds work?']);
    const line = (at: { last_seq: number }, status: 'bot' | 'with_agent', executor = db()) =>
      messages.appendCustomerLineIfUnchanged(
        executor,
        { workspaceId: c.workspace_id, conversationId: c.id, status, piiState: c.pii_state, lastSeq: at.last_seq },
        { id: crypto.randomUUID(), text: 'and then?', piiState: c.pii_state, clientMessageId: null, actor: { type: 'customer', id: null } },
        () => {},
      );
    const updatedAt = async () => (await findConversation(db(), t.ws.id, c.id))!.updated_at;
    const before = await updatedAt();
    await db()
      .transaction()
      .execute(async (trx) => {
        const updates = async () =>
          (
            await sql<{ all: number; hot: number }>`select n_tup_upd::int as all, n_tup_hot_upd::int as hot
              from pg_stat_xact_user_tables where relname = 'conversations'`.execute(trx)
          ).rows[0] ?? { all: 0, hot: 0 };
        const start = await updates();
        expect(await messages.appendBotReplyIfCurrent(trx, turn(c, c.last_seq), reply('in place'), () => {})).toBeDefined();
        expect(await line({ last_seq: c.last_seq + 1 }, 'bot', trx)).toBeDefined();
        const end = await updates();
        expect(end.all - start.all).toBe(2);
        expect(end.hot - start.hot).toBe(2);
      });
    expect(await updatedAt()).toEqual(before);

    // A minute old: the next line moves it.
    const old = new Date(Date.now() - 61_000);
    await db().updateTable('conversations').set({ updated_at: old }).where('id', '=', c.id).execute();
    const seen = (await findConversation(db(), t.ws.id, c.id))!;
    expect(await line(seen, 'bot')).toBeDefined();
    expect((await updatedAt()).getTime()).toBeGreaterThan(old.getTime() + 60_000);

    // A person holds it: every line moves it, however recent.
    await db().updateTable('conversations').set({ status: 'with_agent', controller: 'human' }).where('id', '=', c.id).execute();
    const moved = (await findConversation(db(), t.ws.id, c.id))!;
    await new Promise((r) => setTimeout(r, 5));
    expect(await line(moved, 'with_agent')).toBeDefined();
    expect((await updatedAt()).getTime()).toBeGreaterThan(moved.updated_at.getTime());
  });
});
