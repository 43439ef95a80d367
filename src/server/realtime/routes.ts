import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { RevokedCredential } from '../../auth/sessions.ts';
import { hashToken } from '../../auth/secrets.ts';
import type { Actor } from '../../conversations/actor.ts';
import { bearer } from '../plugins/auth.ts';
import type { AppContext } from '../context.ts';

// Sockets only push; all changes go through the REST API, so there is one write path.
export function realtimeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/ws',
    {
      websocket: true,
      schema: { tags: ['realtime'], summary: "Agent socket: the workspace's conversations, live" },
      config: { access: { kind: 'staff', role: 'viewer' } },
    },
    (socket: WebSocket, request) => {
      const actor = request.actor!;
      const unsubscribe = ctx.hub.subscribe(socket, actor.workspaceId, null, credentialOf(actor, bearer(request)));
      // An agent with the workspace open is online (auth/presence.ts); an API key is nobody.
      const agentId = actor.type === 'agent' ? actor.id : null;
      if (agentId) ctx.presence.opened(actor.workspaceId, agentId);
      keepAlive(socket, ctx.env.WS_PING_INTERVAL_MS);
      socket.on('close', () => {
        unsubscribe();
        if (agentId) ctx.presence.closed(agentId);
      });
      socket.send(JSON.stringify({ type: 'ready', data: { workspace_id: actor.workspaceId } }));
    },
  );

  app.get(
    '/api/v1/widget/ws',
    {
      websocket: true,
      schema: { tags: ['realtime'], summary: 'Customer socket: my conversation, live' },
      config: { access: { kind: 'customer' } },
    },
    (socket: WebSocket, request) => {
      const actor = request.actor!;
      if (actor.type !== 'customer') return socket.close(1008, 'not a customer');
      const unsubscribe = ctx.hub.subscribe(socket, actor.workspaceId, actor.conversationId);
      keepAlive(socket, ctx.env.WS_PING_INTERVAL_MS);
      socket.on('close', unsubscribe);
      socket.send(JSON.stringify({ type: 'ready', data: { conversation_id: actor.conversationId } }));
    },
  );
}

/** What a staff socket stands on: its session (by the token's hash) or its API key. */
function credentialOf(actor: Actor, token: string | null): RevokedCredential | null {
  if (actor.type === 'api_key') return { kind: 'api_key', id: actor.id };
  if (actor.type === 'agent' && token) return { kind: 'session', tokenHash: hashToken(token) };
  return null;
}

/**
 * Pings every `intervalMs` so proxies keep the socket open, and ends a socket whose peer did
 * not answer the previous ping: a half-open connection (a laptop closed, a network gone) is
 * closed within two intervals instead of piling up.
 */
function keepAlive(socket: WebSocket, intervalMs: number): void {
  let alive = true;
  socket.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  socket.on('close', () => clearInterval(timer));
}
