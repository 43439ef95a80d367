import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiClient, login, TestSocket, wsUrl } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';

/** Resolves with the close code once the server closes the socket (or null if it stays open). */
function closed(socket: TestSocket, ms = 5000): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    socket.ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

// A socket is only as good as what opened it: after logout, or once its API key is revoked,
// it must stop receiving the workspace (internal notes included). Closing goes through a
// notice every node hears, so it holds across nodes.
describe('sockets end with their credential', () => {
  const t = useTestBaton();

  it('closes the sockets of a session at logout and of a key at revocation, and only those', async () => {
    const api = apiClient(t.baton.url);
    const leaving = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    const staying = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    const adminToken = await login(t.baton.url, t.ws.admin.email, t.ws.admin.password);
    const key = await api('POST', '/api/v1/admin/api-keys', { token: adminToken, body: { name: 'socket', scopes: ['read'] } });
    expect(key.status).toBe(201);

    const leavingSocket = await TestSocket.open(wsUrl(t.baton.url, '/api/v1/ws', leaving));
    const stayingSocket = await TestSocket.open(wsUrl(t.baton.url, '/api/v1/ws', staying));
    const keySocket = await TestSocket.open(wsUrl(t.baton.url, '/api/v1/ws', key.body.api_key.key));

    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug, message: 'hello' } });
    const conversationId = start.body.conversation.id;
    for (const s of [leavingSocket, stayingSocket, keySocket])
      await s.next((p) => p.type === 'message.created' && p.data.conversation_id === conversationId);

    const leavingClosed = closed(leavingSocket);
    expect((await api('POST', '/api/v1/auth/logout', { token: leaving })).status).toBe(200);
    expect(await leavingClosed).toBe(4001);

    const keyClosed = closed(keySocket);
    expect((await api('DELETE', `/api/v1/admin/api-keys/${key.body.api_key.id}`, { token: adminToken })).status).toBe(200);
    expect(await keyClosed).toBe(4001);

    // The other session still hears the workspace, internal notes included; the closed ones heard nothing more.
    const heardBefore = leavingSocket.received.length + keySocket.received.length;
    await api('POST', `/api/v1/widget/conversations/${conversationId}/handoff`, { token: start.body.token });
    expect((await api('POST', `/api/v1/conversations/${conversationId}/accept`, { token: staying })).status).toBe(200);
    const note = await api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      token: staying,
      body: { text: 'internal: refund approved', internal: true },
    });
    expect(note.status).toBe(201);
    await stayingSocket.next((p) => p.type === 'message.created' && p.data.id === note.body.message.id);
    expect(leavingSocket.received.length + keySocket.received.length).toBe(heardBefore);
    expect(stayingSocket.ws.readyState).toBe(stayingSocket.ws.OPEN);

    // A logged-out token cannot open a new socket either.
    const refused = await new Promise<string>((resolve) => {
      const again = new WebSocket(wsUrl(t.baton.url, '/api/v1/ws', leaving));
      again.on('error', (err) => resolve(err.message));
      again.on('open', () => resolve('opened'));
    });
    expect(refused).toMatch(/401/);
    stayingSocket.close();
  });
});
