import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';

// A node keeps the conversation row it last wrote and its workspace's policy, and writes the
// next line without reading them (decisions/0005). Whatever changed since, by anyone, must
// still count from the next line.
describe('the next line of a conversation this node wrote in', () => {
  const t = useTestBaton();

  async function conversation() {
    const api = apiClient(t.baton.url);
    const { token, conversation: c } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
    const say = async (text: string) => {
      const res = await api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token, body: { text } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { replies: { id: string }[]; conversation: { csat: number | null; status: string } };
    };
    return { id: c.id as string, say, api };
  }

  const threshold = async (messageId: string) =>
    (
      (await t.tdb.database.db.selectFrom('messages').select('trace').where('id', '=', messageId).executeTakeFirstOrThrow()).trace as {
        threshold: number;
      }
    ).threshold;

  it("uses the workspace's policy as changed by an admin in between", async () => {
    const c = await conversation();
    const first = await c.say('How do refunds work?');
    expect(await threshold(first.replies[0]!.id)).toBe(0.5);
    const patched = await c.api('PUT', '/api/v1/admin/policy', { token: t.ws.adminKey, body: { confidenceThreshold: 0.8 } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const second = await c.say('And shipping?');
    expect(await threshold(second.replies[0]!.id)).toBe(0.8);
  });

  it('sees a change of the conversation that no guard of the line names (any new row version)', async () => {
    const c = await conversation();
    expect((await c.say('How do refunds work?')).conversation.csat).toBeNull();
    // A change the line's own checks (status, PII state, sequence) do not cover.
    await t.tdb.database.db.updateTable('conversations').set({ csat: 4 }).where('id', '=', c.id).execute();
    const next = await c.say('And shipping?');
    expect(next.conversation.csat).toBe(4);
    expect(next.replies).toHaveLength(1);
  });

  it('hands a conversation a person took in between to that person, not to the bot', async () => {
    const c = await conversation();
    await c.say('How do refunds work?');
    await t.tdb.database.db
      .updateTable('conversations')
      .set({ status: 'with_agent', controller: 'human' })
      .where('id', '=', c.id)
      .execute();
    const next = await c.say('And shipping?');
    expect(next.replies).toHaveLength(0);
    expect(next.conversation.status).toBe('with_agent');
  });
});
