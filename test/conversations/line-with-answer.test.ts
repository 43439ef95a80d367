import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { apiClient, TestSocket, wsUrl } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';
import * as messages from '../../src/db/repositories/messages.ts';
import { findConversation } from '../../src/db/repositories/conversations.ts';
import { listEvents } from '../../src/db/repositories/events.ts';

// A line onto a conversation this node kept, with the bot's plain answer decided before the
// write, goes in one statement with that answer (decisions/0005, seventh pass): one transaction,
// the line first (numbers, events, notices), and nothing at all when the row moved on.
describe("a customer's line and the bot's answer in one statement", () => {
  const t = useTestBaton();
  const db = () => t.tdb.database.db;
  const xminOf = async (ids: string[]) =>
    (await sql<{ id: string; xmin: string }>`select id, xmin::text from messages where id in (${sql.join(ids)})`.execute(db())).rows;

  it('writes the line and its answer in one transaction, and the customer hears them in that order', async () => {
    const api = apiClient(t.baton.url);
    const { token, conversation } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
    const socket = await TestSocket.open(wsUrl(t.baton.url, '/api/v1/widget/ws', token));
    const say = async (text: string) => {
      const res = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text } });
      expect(res.status).toBe(201);
      expect(res.body.replies).toHaveLength(1);
      return { line: res.body.message, reply: res.body.replies[0] };
    };

    await say('How do refunds work?'); // the first line reads the conversation: this node keeps it from here on
    for (const text of ['How long does shipping take?', 'How long do refunds take?']) {
      const { line, reply } = await say(text);
      expect(reply.seq).toBe(line.seq + 1);
      const rows = await xminOf([line.id, reply.id]);
      expect(rows).toHaveLength(2);
      expect(rows[0]!.xmin).toBe(rows[1]!.xmin);
      // The customer's socket: the line, then the answer.
      const first = await socket.next((p) => p.type === 'message.created' && [line.id, reply.id].includes(p.data.id));
      expect(first.data.id).toBe(line.id);
      const second = await socket.next((p) => p.type === 'message.created' && p.data.id === reply.id);
      expect(second.data.text).toBe(reply.text);
    }
    const c = (await findConversation(db(), t.ws.id, conversation.id))!;
    expect(c.last_seq).toBe(6);
    const events = (await listEvents(db(), t.ws.id, conversation.id)).filter((e) => e.type === 'message.created');
    expect(events.slice(-2).map((e) => e.actor_type)).toEqual(['customer', 'bot']);
    socket.close();
  });

  it('writes neither onto a version that moved on, and the answer with the line sets what the turn found', async () => {
    const api = apiClient(t.baton.url);
    const { token, conversation } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
    await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text: 'How do refunds work?' } });
    const c = (await findConversation(db(), t.ws.id, conversation.id))!;
    const version = (await sql<{ v: string }>`select xmin::text as v from conversations where id = ${c.id}`.execute(db())).rows[0]!.v;
    const read = { workspaceId: c.workspace_id, conversationId: c.id, status: c.status, piiState: c.pii_state, lastSeq: c.last_seq };
    const line = (text: string) => ({
      id: crypto.randomUUID(),
      text,
      piiState: c.pii_state,
      clientMessageId: null,
      actor: { type: 'customer' as const, id: null },
      answer: {
        id: crypto.randomUUID(),
        text: `answer to ${text}`,
        citations: [],
        trace: { action: 'answer' },
        language: 'fr',
        intent: 'refunds',
      },
    });
    const noted: string[] = [];
    const remember = (m: { id: string }) => void noted.push(m.id);

    // Without a known version the answer cannot be written with the line (its context is unknown).
    await expect(messages.appendCustomerLineIfUnchanged(db(), read, line('no version'), remember)).rejects.toThrow(/known version/);
    // Onto another version: nothing written, neither the line nor the answer.
    expect(
      await messages.appendCustomerLineIfUnchanged(db(), { ...read, version: String(Number(version) + 1) }, line('stale'), remember),
    ).toBe(undefined);
    expect((await findConversation(db(), t.ws.id, c.id))!.last_seq).toBe(c.last_seq);

    const sent = line('on time');
    const written = await messages.appendCustomerLineIfUnchanged(db(), { ...read, version }, sent, remember);
    expect(written?.message).toMatchObject({ seq: c.last_seq + 1, author: 'customer', text: 'on time' });
    expect(written?.reply).toMatchObject({ seq: c.last_seq + 2, author: 'bot', text: 'answer to on time', id: sent.answer.id });
    expect(written?.conversation).toMatchObject({ language: 'fr', intent: 'refunds' });
    expect(noted).toEqual([sent.id, sent.answer.id]);
    expect(await findConversation(db(), t.ws.id, c.id)).toMatchObject({ last_seq: c.last_seq + 2, language: 'fr', intent: 'refunds' });
    const stored = await messages.findMessage(db(), t.ws.id, sent.answer.id);
    expect(stored).toMatchObject({ text: 'answer to on time', trace: { action: 'answer' } });
  });

  it('a line sent again (its id already kept) fails alone, not the other lines of its statement', async () => {
    const api = apiClient(t.baton.url);
    const open = async () => {
      const { token, conversation } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
      await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, {
        token,
        body: { text: 'hello', client_message_id: 'first-line' },
      });
      return (await findConversation(db(), t.ws.id, conversation.id))!;
    };
    const [a, b] = [await open(), await open()];
    const lineOnto = (c: typeof a, clientMessageId: string) =>
      messages.appendCustomerLineIfUnchanged(
        db(),
        { workspaceId: c.workspace_id, conversationId: c.id, status: c.status, piiState: c.pii_state, lastSeq: c.last_seq },
        { id: crypto.randomUUID(), text: 'again', piiState: c.pii_state, clientMessageId, actor: { type: 'customer', id: null } },
        () => {},
      );
    // Sent in the same tick: one statement. `a` repeats its kept id, `b` sends a new one.
    const [repeated, fresh] = await Promise.allSettled([lineOnto(a, 'first-line'), lineOnto(b, 'second-line')]);
    expect(repeated.status).toBe('rejected');
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { message: { client_message_id: 'second-line', seq: b.last_seq + 1 } } });
    expect((await findConversation(db(), t.ws.id, a.id))!.last_seq).toBe(a.last_seq);
  });
});
