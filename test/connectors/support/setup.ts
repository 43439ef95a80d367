import { openTestDatabase, type TestDatabase } from '../../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, type SeededWorkspace } from '../../support/baton.ts';
import type { RunningBaton } from '../../../src/app/runtime.ts';
import { fastOutboundEnv } from './standin.ts';

export interface Harness {
  tdb: TestDatabase;
  baton: RunningBaton;
  ws: SeededWorkspace;
  api: ReturnType<typeof apiClient>;
  adminToken: string;
  stop(): Promise<void>;
}

/** A real server on its own database, with fast outbound retries, and an admin logged in. */
export async function startHarness(): Promise<Harness> {
  fastOutboundEnv();
  const tdb = await openTestDatabase();
  const baton = await startTestBaton(tdb.database);
  const ws = await seedWorkspace(tdb.database.db);
  const adminToken = await login(baton.url, ws.admin.email, ws.admin.password);
  return {
    tdb,
    baton,
    ws,
    api: apiClient(baton.url),
    adminToken,
    stop: async () => {
      await baton.stop();
      await tdb.dispose();
    },
  };
}

/** The connector's thread for a conversation, once the handoff has made one. */
export const threadOf = (h: Harness, conversationId: string) =>
  h.tdb.database.db.selectFrom('connector_threads').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();

/** The conversation's latest handoff (its id). */
export const handoffOf = (h: Harness, conversationId: string) =>
  h.tdb.database.db
    .selectFrom('handoffs')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .orderBy('requested_at', 'desc')
    .executeTakeFirstOrThrow();

/** A customer who starts in the widget and asks for a person. */
export async function customerAsksForHuman(h: Harness, first = 'how do refunds work?') {
  const start = await h.api('POST', '/api/v1/widget/conversations', {
    body: { workspace: h.ws.slug, customer: { name: 'Ann' }, message: first },
  });
  if (start.status !== 201) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`);
  const { token, conversation } = start.body;
  const ask = await h.api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, {
    token,
    body: { text: 'I want to talk to a human please' },
  });
  if (ask.status !== 201) throw new Error(`ask: ${ask.status}`);
  return { token: token as string, id: conversation.id as string, status: ask.body.conversation.status as string };
}
