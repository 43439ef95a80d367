import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { findWorkspace } from '../../../db/repositories/workspaces.ts';
import { appendEvent } from '../../../db/repositories/events.ts';
import { readPolicy } from '../../../workspaces/policy.ts';
import * as actions from '../../../conversations/agent-actions.ts';
import { countQueued, findCustomer, listConversations } from '../../../db/repositories/conversations.ts';
import { listMessages } from '../../../db/repositories/messages.ts';
import { listHandoffs } from '../../../db/repositories/handoffs.ts';
import { listTeams } from '../../../db/repositories/agents.ts';
import { presentConversation, presentCustomer, presentHandoff, presentMessage } from '../../presenters/index.ts';
import { staffActor } from '../../plugins/auth.ts';
import { decodeCursor, encodeCursor, IdParams } from '../schemas.ts';
import { AssignBody, ListQuery, ReplyBody, RevealBody } from './schema.ts';
import type { AppContext } from '../../context.ts';

const read = { access: { kind: 'staff' as const, role: 'viewer' as const } };
const write = { access: { kind: 'staff' as const, role: 'agent' as const } };

// The agent side of conversations: queues, lists, one conversation, and control moves.
export function conversationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/queues',
    { schema: { tags: ['conversations'], summary: 'Open conversations per team and status' }, config: read },
    async (request) => {
      const actor = staffActor(request);
      const [teams, counts] = await Promise.all([listTeams(ctx.db, actor.workspaceId), countQueued(ctx.db, actor.workspaceId)]);
      const queue = (teamId: string | null) => {
        const of = (status: string) => Number(counts.find((c) => c.team_id === teamId && c.status === status)?.count ?? 0);
        return { queued: of('queued'), with_agent: of('with_agent'), awaiting_customer: of('awaiting_customer') };
      };
      return {
        queues: [
          ...teams.map((t) => ({ team_id: t.id, team_name: t.name, ...queue(t.id) })),
          { team_id: null, team_name: null, ...queue(null) },
        ],
      };
    },
  );

  r.get(
    '/api/v1/conversations',
    { schema: { tags: ['conversations'], summary: 'List conversations, newest activity first (cursor-paginated)', querystring: ListQuery }, config: read },
    async (request) => {
      const actor = staffActor(request);
      const q = request.query;
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      if (after === null) throw new AppError('invalid_request', 'cursor: not a cursor this API returned');
      if (q.assignee_id === 'me' && actor.type !== 'agent') throw new AppError('invalid_request', 'assignee_id=me needs an agent session');
      const rows = await listConversations(ctx.db, {
        workspaceId: actor.workspaceId,
        statuses: q.status,
        teamId: q.team_id,
        assigneeId: q.assignee_id === 'me' ? actor.id : q.assignee_id,
        priority: q.priority,
        language: q.language,
        customerId: q.customer_id,
        after,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        conversations: page.map(presentConversation),
        next_cursor: rows.length > q.limit && last ? encodeCursor(last.updated_at, last.id) : null,
      };
    },
  );

  r.get(
    '/api/v1/conversations/:id',
    { schema: { tags: ['conversations'], summary: 'One conversation with its transcript, customer and handoffs', params: IdParams }, config: read },
    async (request) => {
      const actor = staffActor(request);
      const conversation = await ctx.conversations.getForActor(actor, request.params.id);
      const [messages, handoffs, customer] = await Promise.all([
        listMessages(ctx.db, actor.workspaceId, conversation.id, { includeInternal: true, limit: 2000 }),
        listHandoffs(ctx.db, actor.workspaceId, conversation.id),
        findCustomer(ctx.db, actor.workspaceId, conversation.customer_id),
      ]);
      return {
        conversation: presentConversation(conversation),
        messages: messages.map((m) => presentMessage(m, 'staff')),
        handoffs: handoffs.map(presentHandoff),
        customer: customer ? presentCustomer(customer) : null,
      };
    },
  );

  r.post(
    '/api/v1/conversations/:id/reveal',
    {
      schema: { tags: ['conversations'], summary: "Reveal the conversation's redacted values (recorded in the audit trail, with the reason given)", params: IdParams, body: RevealBody },
      config: write,
    },
    async (request) => {
      const actor = staffActor(request);
      const values = await ctx.conversations.run(actor, request.params.id, async (tx, c) => {
        const workspace = await findWorkspace(tx, c.workspace_id);
        const policy = readPolicy(workspace?.policy);
        const allowed = policy.revealRoles;
        const reason = request.body?.reason;
        const role = actor.type === 'agent' ? actor.role : actor.scopes.includes('admin') ? 'admin' : null;
        if (!role || role === 'viewer' || !allowed.includes(role)) throw new AppError('forbidden', 'Your role may not reveal personal data in this workspace.');
        if (policy.revealRequiresReason && !reason) {
          throw new AppError('invalid_request', 'reason: this workspace asks why you reveal personal data', [{ path: 'body/reason', message: 'required by the workspace policy' }]);
        }
        const state = ctx.conversations.privacy.open(c.pii_state);
        await appendEvent(tx, {
          workspaceId: c.workspace_id,
          conversationId: c.id,
          type: 'pii.revealed',
          actor: { type: actor.type, id: actor.id },
          data: { tokens: Object.keys(state.values), ...(reason ? { reason } : {}) },
        });
        return state.values;
      });
      return { values };
    },
  );

  r.post(
    '/api/v1/conversations/:id/accept',
    { schema: { tags: ['conversations'], summary: 'Take a queued conversation', params: IdParams }, config: write },
    async (request) => ({ conversation: presentConversation(await actions.accept(ctx.conversations, staffActor(request), request.params.id)) }),
  );

  r.post(
    '/api/v1/conversations/:id/messages',
    { schema: { tags: ['conversations'], summary: 'Reply to the customer, or add an internal note', params: IdParams, body: ReplyBody }, config: write },
    async (request, reply) => {
      const { text, internal, client_message_id } = request.body;
      const message = await actions.reply(ctx.conversations, staffActor(request), request.params.id, { text, internal, clientMessageId: client_message_id });
      reply.status(201);
      return { message: presentMessage(message, 'staff') };
    },
  );

  r.post(
    '/api/v1/conversations/:id/resolve',
    { schema: { tags: ['conversations'], summary: 'Mark resolved', params: IdParams }, config: write },
    async (request) => ({ conversation: presentConversation(await actions.resolve(ctx.conversations, staffActor(request), request.params.id)) }),
  );

  r.post(
    '/api/v1/conversations/:id/return-to-bot',
    { schema: { tags: ['conversations'], summary: 'Give control back to the bot', params: IdParams }, config: write },
    async (request) => ({ conversation: presentConversation(await actions.returnToBot(ctx.conversations, staffActor(request), request.params.id)) }),
  );

  r.post(
    '/api/v1/conversations/:id/close',
    { schema: { tags: ['conversations'], summary: 'Close for good', params: IdParams }, config: write },
    async (request) => ({ conversation: presentConversation(await actions.close(ctx.conversations, staffActor(request), request.params.id)) }),
  );

  r.post(
    '/api/v1/conversations/:id/assign',
    { schema: { tags: ['conversations'], summary: 'Assign to an agent, or transfer to a team', params: IdParams, body: AssignBody }, config: write },
    async (request) => {
      const b = request.body;
      const conversation = await actions.assign(ctx.conversations, staffActor(request), request.params.id, {
        agentId: b.agent_id,
        teamId: b.team_id,
        priority: b.priority,
      });
      return { conversation: presentConversation(conversation) };
    },
  );
}
