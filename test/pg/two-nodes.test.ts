import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, TestSocket, wsUrl, type SeededWorkspace } from '../support/baton.ts';
import { spawnServer, type ServerProcess } from '../support/processes.ts';

// Two server processes on one Postgres: the customer talks to node A, the agent to node B,
// and each sees the other's messages live through LISTEN/NOTIFY.
describe('two nodes, one Postgres', () => {
  let tdb: TestDatabase;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let ws: SeededWorkspace;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    ws = await seedWorkspace(tdb.database.db);
    [nodeA, nodeB] = await Promise.all([spawnServer({ DATABASE_URL: tdb.url! }), spawnServer({ DATABASE_URL: tdb.url! })]);
  });
  afterAll(async () => {
    await Promise.all([nodeA?.kill(), nodeB?.kill()]);
    await tdb?.dispose();
  });

  it('runs the handoff loop across nodes', async () => {
    const onA = apiClient(nodeA.url);
    const onB = apiClient(nodeB.url);
    const agentToken = await login(nodeB.url, ws.agent.email, ws.agent.password);
    const agentSocket = await TestSocket.open(wsUrl(nodeB.url, '/api/v1/ws', agentToken));

    const start = await onA('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message: 'tell me about shipping' } });
    expect(start.body.messages.map((m: any) => m.author)).toEqual(['customer', 'bot']);
    const { token, conversation } = start.body;
    const customerSocket = await TestSocket.open(wsUrl(nodeA.url, '/api/v1/widget/ws', token));

    // The agent on B sees the customer's messages written through A.
    await agentSocket.next((p) => p.type === 'message.created' && p.data.conversation_id === conversation.id && p.data.author === 'bot');
    await onA('POST', `/api/v1/widget/conversations/${conversation.id}/handoff`, { token });
    const handoff = await agentSocket.next((p) => p.type === 'conversation.handoff' && p.data.conversation.id === conversation.id);
    expect(handoff.data.handoff.reasons).toEqual(['customer_requested']);

    expect((await onB('POST', `/api/v1/conversations/${conversation.id}/accept`, { token: agentToken })).status).toBe(200);
    await onB('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: agentToken, body: { text: 'Hello from node B' } });
    const reply = await customerSocket.next((p) => p.type === 'message.created' && p.data.author === 'agent');
    expect(reply.data.text).toBe('Hello from node B');

    await onA('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text: 'Thanks from node A' } });
    const fromCustomer = await agentSocket.next((p) => p.type === 'message.created' && p.data.text === 'Thanks from node A');
    expect(fromCustomer.data.author).toBe('customer');

    await onB('POST', `/api/v1/conversations/${conversation.id}/resolve`, { token: agentToken });
    await customerSocket.next((p) => p.type === 'conversation.updated' && p.data.status === 'resolved');
    agentSocket.close();
    customerSocket.close();
  });
});
