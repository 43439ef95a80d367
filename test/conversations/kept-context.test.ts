import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';
import { insertMessage, recentMessages } from '../../src/db/repositories/messages.ts';
import { findConversation } from '../../src/db/repositories/conversations.ts';
import { toHistoryTurn } from '../../src/conversations/customer-messages.ts';

// A node keeps the bot's context with the conversation row it last wrote (decisions/0005,
// sixth pass): the next line's statement then reads no history. It must always be what the
// database holds, the last 12 messages as the engine reads them, or not be used at all.
describe("the bot's context kept between a conversation's lines", () => {
  const t = useTestBaton();
  const db = () => t.tdb.database.db;

  it('is the last messages in the database after every exchange, and is read again after a change made elsewhere', async () => {
    const api = apiClient(t.baton.url);
    const { token, conversation } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
    const kept = () => t.baton.ctx.customerMessages.kept.get(t.ws.id, conversation.id)?.context;
    const stored = async () => (await recentMessages(db(), conversation.id, 12)).map(toHistoryTurn);
    const say = async (text: string) => {
      const res = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text } });
      expect(res.status).toBe(201);
      expect(res.body.replies).toHaveLength(1);
    };

    // Eight exchanges: past the 12 messages kept, so the oldest leave as the newest come.
    for (let i = 0; i < 8; i++) {
      await say(i % 2 ? 'How do refunds work?' : `What does shipping to country number ${i} take?`);
      const context = kept();
      expect(context).toHaveLength(Math.min(12, 2 * (i + 1)));
      expect(context).toEqual(await stored());
    }

    // A message written by another path moves the row on: the kept version no longer holds, the
    // next line reads the context with its statement (the new message in it) and keeps that.
    const c = (await findConversation(db(), t.ws.id, conversation.id))!;
    await insertMessage(
      db(),
      {
        id: crypto.randomUUID(),
        workspaceId: t.ws.id,
        conversationId: c.id,
        seq: c.last_seq + 1,
        author: 'system',
        text: 'A note',
        redactedText: 'A note',
      },
      { type: 'message.created', actor: { type: 'system', id: null } },
    );
    await say('And shipping to Germany?');
    const after = kept();
    expect(after).toEqual(await stored());
    expect(after!.map((h) => h.text)).toContain('A note');
  });
});
