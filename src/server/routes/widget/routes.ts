import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { rate, readBack, startInWorkspace } from '../../../conversations/customer-actions.ts';
import { presentConversationForCustomer, presentMessage } from '../../../presenters/index.ts';
import { customerActor } from '../../plugins/auth.ts';
import { IdParams } from '../schemas.ts';
import {
  CsatBody,
  CsatResponse,
  HandoffResponse,
  PostMessageBody,
  PostMessageResponse,
  QueueResponse,
  ReadResponse,
  StartBody,
  StartResponse,
} from './schema.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../../conversations/actor.ts';
import type { ConversationRow } from '../../../db/schema.ts';

/**
 * Customer routes are limited per conversation (many customers may share one address), as
 * resolved from the token: however the token is written or sent, one conversation, one budget.
 */
const perConversation = (request: FastifyRequest): string =>
  request.actor?.type === 'customer' ? `conversation:${request.actor.conversationId}` : `ip:${request.ip}`;

// The customer side: what the widget (or a server acting for a customer) calls.
export function widgetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The customer's own values, put back into what they are shown. */
  const ownWords = (c: ConversationRow) => (text: string) => ctx.conversations.privacy.restore(text, c.pii_state);
  const customer = {
    access: { kind: 'customer' as const },
    // preHandler: after the access check has resolved the token to its conversation.
    rateLimit: {
      max: ctx.env.RATE_LIMIT_CUSTOMER_PER_MINUTE,
      timeWindow: '1 minute',
      keyGenerator: perConversation,
      hook: 'preHandler' as const,
    },
  };

  r.post(
    '/api/v1/widget/conversations',
    {
      schema: {
        tags: ['widget'],
        operationId: 'startConversation',
        summary: 'Start a conversation (returns the customer token)',
        body: StartBody,
        response: { 201: StartResponse },
      },
      config: { access: { kind: 'public' }, rateLimit: { max: ctx.env.RATE_LIMIT_START_PER_MINUTE, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const body = request.body;
      const started = await startInWorkspace(ctx.db, body.workspace, {
        channel: body.channel,
        language: body.language,
        customer: body.customer && {
          userId: body.customer.user_id,
          userHash: body.customer.user_hash,
          expires: body.customer.expires,
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
          workspaceId: started.workspaceId,
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
    {
      schema: {
        tags: ['widget'],
        operationId: 'getMyConversation',
        summary: 'Read my conversation back',
        params: IdParams,
        response: { 200: ReadResponse },
      },
      config: customer,
    },
    async (request) => {
      const actor = customerActor(request);
      const { conversation, messages } = await readBack(ctx.conversations, ctx.db, actor, request.params.id);
      return {
        conversation: presentConversationForCustomer(conversation),
        messages: messages.map((m) => presentMessage(m, 'customer', ownWords(conversation))),
        queue: await ctx.queuePlaces.ofOne(actor.workspaceId, conversation.id),
      };
    },
  );

  r.get(
    '/api/v1/widget/conversations/:id/queue',
    {
      schema: {
        tags: ['widget'],
        operationId: 'getMyQueuePlace',
        summary: 'My place in the queue and the expected wait, while I wait for a person',
        params: IdParams,
        response: { 200: QueueResponse },
      },
      config: customer,
    },
    async (request) => {
      const actor = customerActor(request);
      const conversation = await ctx.conversations.getForActor(actor, request.params.id);
      return { queue: await ctx.queuePlaces.ofOne(actor.workspaceId, conversation.id) };
    },
  );

  r.post(
    '/api/v1/widget/conversations/:id/messages',
    {
      schema: {
        tags: ['widget'],
        operationId: 'sendCustomerMessage',
        summary: 'Send a message; the bot replies when it holds the conversation',
        params: IdParams,
        body: PostMessageBody,
        response: { 201: PostMessageResponse },
      },
      config: customer,
    },
    async (request, reply) => {
      const actor = customerActor(request);
      const posted = await ctx.customerMessages.postCustomerMessage(
        actor,
        request.params.id,
        request.body.text,
        request.body.client_message_id,
      );
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
    {
      schema: {
        tags: ['widget'],
        operationId: 'askForHuman',
        summary: 'Ask for a human',
        params: IdParams,
        response: { 200: HandoffResponse },
      },
      config: customer,
    },
    async (request) => {
      const actor = customerActor(request);
      const replies = await ctx.customerMessages.requestHuman(actor, request.params.id);
      const conversation = await ctx.conversations.getForActor(actor, request.params.id);
      return {
        conversation: presentConversationForCustomer(conversation),
        replies: replies.map((m) => presentMessage(m, 'customer', ownWords(conversation))),
        queue: await ctx.queuePlaces.ofOne(actor.workspaceId, conversation.id),
      };
    },
  );

  r.post(
    '/api/v1/widget/conversations/:id/csat',
    {
      schema: {
        tags: ['widget'],
        operationId: 'rateConversation',
        summary: 'Rate the conversation (1-5) once it is resolved',
        params: IdParams,
        body: CsatBody,
        response: { 200: CsatResponse },
      },
      config: customer,
    },
    async (request) => {
      const actor = customerActor(request);
      const conversation = await rate(ctx.conversations, actor, request.params.id, request.body.score);
      return { conversation: presentConversationForCustomer(conversation) };
    },
  );
}
