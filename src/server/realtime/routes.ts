import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { setAvailability, type RevokedCredential } from '../../auth/sessions.ts';
import { hashToken } from '../../auth/secrets.ts';
import type { Actor } from '../../conversations/actor.ts';
import { bearer } from '../plugins/auth.ts';
import type { AppContext } from '../context.ts';

/** Agents online per node: the last socket closing takes an agent offline. */
const openSockets = new Map<string, number>();

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
      const agentId = actor.type === 'agent' ? actor.id : null;
      if (agentId) {
        openSockets.set(agentId, (openSockets.get(agentId) ?? 0) + 1);
        void setAvailability(ctx.db, actor.workspaceId, agentId, 'online').catch((err) => ctx.log.error({ err }, 'agent status'));
      }
      keepAlive(socket);
      socket.on('close', () => {
        unsubscribe();
        if (!agentId) return;
        const left = (openSockets.get(agentId) ?? 1) - 1;
        if (left > 0) return void openSockets.set(agentId, left);
        openSockets.delete(agentId);
        void setAvailability(ctx.db, actor.workspaceId, agentId, 'offline').catch((err) => ctx.log.error({ err }, 'agent status'));
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
      keepAlive(socket);
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

/** Pings every 25 s so proxies keep the socket open and dead peers are noticed. */
function keepAlive(socket: WebSocket): void {
  let alive = true;
  socket.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, 25_000);
  socket.on('close', () => clearInterval(timer));
}
