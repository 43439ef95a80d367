import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { startConversation } from '../../../conversations/start.ts';
import { findWorkspaceBySlug } from '../../../db/repositories/workspaces.ts';
import { listMessages } from '../../../db/repositories/messages.ts';
import { updateConversation } from '../../../db/repositories/conversations.ts';
import { appendEvent } from '../../../db/repositories/events.ts';
import { presentConversationForCustomer, presentMessage } from '../../../presenters/index.ts';
import { customerActor } from '../../plugins/auth.ts';
import { IdParams } from '../schemas.ts';
import { CsatBody, PostMessageBody, StartBody } from './schema.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../../conversations/actor.ts';
import type { ConversationRow } from '../../../db/schema.ts';

/** Customer routes are limited per conversation token: many customers may share one address. */
const perConversation = (request: FastifyRequest): string => request.headers.authorization ?? request.headers['x-conversation-token']?.toString() ?? request.ip;

// The customer side: what the widget (or a server acting for a customer) calls.
export function widgetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The customer's own values, put back into what they are shown. */
  const ownWords = (c: ConversationRow) => (text: string) => ctx.conversations.privacy.restore(text, c.pii_state);
  const customer = {
    access: { kind: 'customer' as const },
    rateLimit: { max: ctx.env.RATE_LIMIT_CUSTOMER_PER_MINUTE, timeWindow: '1 minute', keyGenerator: perConversation },
  };

  r.post(
    '/api/v1/widget/conversations',
    {
      schema: { tags: ['widget'], summary: 'Start a conversation (returns the customer token)', body: StartBody },
      config: { access: { kind: 'public' }, rateLimit: { max: ctx.env.RATE_LIMIT_START_PER_MINUTE, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const body = request.body;
      const workspace = await findWorkspaceBySlug(ctx.db, body.workspace);
      if (!workspace) throw new AppError('not_found', 'No such workspace.');
      const started = await startConversation(ctx.db, workspace, {
        channel: body.channel,
        language: body.language,
        customer: body.customer && {
          userId: body.customer.user_id,
          userHash: body.customer.user_hash,
          name: body.customer.name,
          email: body.customer.email,
          attributes: body.customer.attributes,
        },
      });
      let conversation = started.conversation;
      const messages = [];
      if (body.message) {
        const actor: Actor & { type: 'customer' } = {
          type: 'customer',
          id: started.customer.id,
          workspaceId: workspace.id,
          conversationId: conversation.id,
        };
        const posted = await ctx.customerMessages.postCustomerMessage(actor, conversation.id, body.message);
        conversation = posted.conversation;
        messages.push(posted.message, ...posted.replies);
      }
      reply.status(201);
      return {
        token: started.token,
        conversation: presentConversationForCustomer(conversation),
        messages: messages.map((m) => presentMessage(m, 'customer', ownWords(conversation))),
      };
    },
  );

  r.get(
    '/api/v1/widget/conversations/:id',
    { schema: { tags: ['widget'], summary: 'Read my conversation back', params: IdParams }, config: customer },
    async (request) => {
      const actor = customerActor(request);
      const conversation = await ctx.conversations.getForActor(actor, request.params.id);
      const messages = await listMessages(ctx.db, actor.workspaceId, conversation.id, { includeInternal: false, limit: 1000 });
      return { conversation: presentConversationForCustomer(conversation), messages: messages.map((m) => presentMessage(m, 'customer', ownWords(conversation))) };
    },
  );

  r.post(
    '/api/v1/widget/conversations/:id/messages',
    { schema: { tags: ['widget'], summary: 'Send a message; the bot replies when it holds the conversation', params: IdParams, body: PostMessageBody }, config: customer },
    async (request, reply) => {
      const actor = customerActor(request);
      const posted = await ctx.customerMessages.postCustomerMessage(actor, request.params.id, request.body.text, request.body.client_message_id);
      reply.status(201);
      return {
        message: presentMessage(posted.message, 'customer', ownWords(posted.conversation)),
        replies: posted.replies.map((m) => presentMessage(m, 'customer', ownWords(posted.conversation))),
        conversation: presentConversationForCustomer(posted.conversation),
      };
    },
  );

  r.post(
    '/api/v1/widget/conversations/:id/handoff',
    { schema: { tags: ['widget'], summary: 'Ask for a human', params: IdParams }, config: customer },
    async (request) => {
      const actor = customerActor(request);
      const replies = await ctx.customerMessages.requestHuman(actor, request.params.id);
      const conversation = await ctx.conversations.getForActor(actor, request.params.id);
      return { conversation: presentConversationForCustomer(conversation), replies: replies.map((m) => presentMessage(m, 'customer', ownWords(conversation))) };
    },
  );

  r.post(
    '/api/v1/widget/conversations/:id/csat',
    { schema: { tags: ['widget'], summary: 'Rate the conversation (1-5) once it is resolved', params: IdParams, body: CsatBody }, config: customer },
    async (request) => {
      const actor = customerActor(request);
      const conversation = await ctx.conversations.run(actor, request.params.id, async (tx, c) => {
        if (c.status !== 'resolved' && c.status !== 'closed') {
          throw new AppError('illegal_transition', 'A conversation can be rated once it is resolved.', { status: c.status });
        }
        const updated = await updateConversation(tx, c.id, { csat: request.body.score });
        await appendEvent(tx, {
          workspaceId: c.workspace_id,
          conversationId: c.id,
          type: 'conversation.rated',
          actor: { type: 'customer', id: actor.id },
          data: { score: request.body.score },
        });
        return updated;
      });
      return { conversation: presentConversationForCustomer(conversation) };
    },
  );
}
