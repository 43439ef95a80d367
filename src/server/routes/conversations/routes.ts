import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import * as actions from '../../../conversations/agent-actions.ts';
import { conversationInFull, listForStaff, queues } from '../../../conversations/staff-queries.ts';
import { withCurrentBrief } from '../../../handoff/brief/refresh.ts';
import {
  presentBotVerification,
  presentConversation,
  presentConversationRow,
  presentCustomer,
  presentHandoff,
  presentMessage,
} from '../../../presenters/index.ts';
import { staffActor } from '../../plugins/auth.ts';
import { decodeCursor, encodeCursor, IdParams } from '../schemas.ts';
import {
  AssignBody,
  ConversationDetail,
  ConversationResponse,
  ListQuery,
  ListResponse,
  QueuesResponse,
  ReplyBody,
  ReplyResponse,
  RerunToolBody,
  RerunToolResponse,
  RevealBody,
  RevealResponse,
} from './schema.ts';
import type { AppContext } from '../../context.ts';

const read = { access: { kind: 'staff' as const, role: 'viewer' as const } };
const write = { access: { kind: 'staff' as const, role: 'agent' as const } };

// The agent side of conversations: queues, lists, one conversation, and control moves.
export function conversationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/queues',
    {
      schema: {
        tags: ['conversations'],
        operationId: 'listQueues',
        summary: 'Open conversations per team and status',
        response: { 200: QueuesResponse },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      const counted = await queues(ctx.db, actor.workspaceId);
      return { queues: counted.map(({ team, ...counts }) => ({ team_id: team?.id ?? null, team_name: team?.name ?? null, ...counts })) };
    },
  );

  r.get(
    '/api/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        operationId: 'listConversations',
        summary: 'List conversations, newest activity first (cursor-paginated)',
        querystring: ListQuery,
        response: { 200: ListResponse },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      const q = request.query;
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      if (after === null) throw new AppError('invalid_request', 'cursor: not a cursor this API returned');
      if (q.assignee_id === 'me' && actor.type !== 'agent') throw new AppError('invalid_request', 'assignee_id=me needs an agent session');
      const rows = await listForStaff(ctx.db, {
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
      const last = page.at(-1)?.row;
      return {
        conversations: page.map(({ row, summary }) => presentConversationRow(row, summary)),
        next_cursor: rows.length > q.limit && last ? encodeCursor(last.updated_at, last.id) : null,
      };
    },
  );

  r.get(
    '/api/v1/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        operationId: 'getConversation',
        summary: 'One conversation with its transcript, customer and handoffs',
        params: IdParams,
        response: { 200: ConversationDetail },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      const full = await conversationInFull(ctx.conversations, ctx.db, actor, request.params.id);
      const { conversation, messages, customer } = full;
      // The brief as it reads now: accepted, someone on shift, an address left since it was built.
      const handoffs = await withCurrentBrief(ctx.db, conversation, customer, full.handoffs);
      return {
        conversation: presentConversation(conversation),
        messages: messages.map((m) => presentMessage(m, 'staff')),
        handoffs: handoffs.map(presentHandoff),
        customer: customer ? presentCustomer(customer) : null,
        bot_verification: presentBotVerification(conversation.action_identity),
      };
    },
  );

  r.post(
    '/api/v1/conversations/:id/reveal',
    {
      schema: {
        tags: ['conversations'],
        operationId: 'revealValues',
        summary: "Reveal the conversation's redacted values (recorded in the audit trail, with the reason given)",
        params: IdParams,
        body: RevealBody,
        response: { 200: RevealResponse },
      },
      config: write,
    },
    async (request) => {
      const actor = staffActor(request);
      const values = await actions.reveal(ctx.conversations, actor, request.params.id, request.body?.reason);
      return { values };
    },
  );

  r.post(
    '/api/v1/conversations/:id/tool-calls/rerun',
    {
      schema: {
        tags: ['conversations'],
        operationId: 'rerunToolCall',
        summary: "Re-run a read tool of the company's API for this conversation's customer (writes are refused; the call is recorded)",
        params: IdParams,
        body: RerunToolBody,
        response: { 200: RerunToolResponse },
      },
      config: write,
    },
    async (request) => {
      if (!ctx.actions) throw new AppError('not_found', `This workspace has no tool named ${request.body.name}.`);
      const r = await ctx.actions.rerun(staffActor(request), request.params.id, request.body.name, request.body.args);
      return {
        call: {
          name: r.name,
          kind: r.kind,
          args: r.args,
          ok: r.ok,
          status: r.status ?? null,
          error: r.error ?? null,
          duration_ms: r.durationMs,
          summary: r.summary,
          result: r.result ?? null,
        },
      };
    },
  );

  // The control moves that take nothing but the conversation; each answers it as it now stands.
  const move = (path: string, operationId: string, summary: string, act: typeof actions.accept) =>
    r.post(
      `/api/v1/conversations/:id/${path}`,
      {
        schema: { tags: ['conversations'], operationId, summary, params: IdParams, response: { 200: ConversationResponse } },
        config: write,
      },
      async (request) => ({ conversation: presentConversation(await act(ctx.conversations, staffActor(request), request.params.id)) }),
    );

  move('accept', 'acceptConversation', 'Take a queued conversation', actions.accept);

  r.post(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        operationId: 'replyToConversation',
        summary: 'Reply to the customer, or add an internal note',
        params: IdParams,
        body: ReplyBody,
        response: { 201: ReplyResponse },
      },
      config: write,
    },
    async (request, reply) => {
      const { text, internal, client_message_id } = request.body;
      const message = await actions.reply(ctx.conversations, staffActor(request), request.params.id, {
        text,
        internal,
        clientMessageId: client_message_id,
      });
      reply.status(201);
      return { message: presentMessage(message, 'staff') };
    },
  );

  move('resolve', 'resolveConversation', 'Mark resolved', actions.resolve);

  move('return-to-bot', 'returnToBot', 'Give control back to the bot', actions.returnToBot);

  move('close', 'closeConversation', 'Close for good', actions.close);

  r.post(
    '/api/v1/conversations/:id/assign',
    {
      schema: {
        tags: ['conversations'],
        operationId: 'assignConversation',
        summary: 'Assign to an agent, or transfer to a team',
        params: IdParams,
        body: AssignBody,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
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
