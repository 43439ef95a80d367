import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { actorRef } from '../../../conversations/actor.ts';
import { transaction } from '../../../db/transaction.ts';
import { appendEvent } from '../../../db/repositories/events.ts';
import { findCustomer } from '../../../db/repositories/conversations.ts';
import { listMessages } from '../../../db/repositories/messages.ts';
import { listArticleRows } from '../../../db/repositories/knowledge.ts';
import { findTeam } from '../../../db/repositories/agents.ts';
import { listHandoffs } from '../../../db/repositories/handoffs.ts';
import { deleteMacro, findMacro, insertMacro, listMacros, recentAgentReplies, updateMacro } from '../../../db/repositories/routing.ts';
import type { MacroRow } from '../../../db/schema.ts';
import { suggest } from '../../../handoff/assist/suggest.ts';
import { BRIEF_SCHEMA_VERSION, BriefSchema, briefJsonSchema } from '../../../handoff/brief/schema.ts';
import { Brief, NextCursor, Ok } from '../responses.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { decodeIdCursor, page, PageQuery } from '../admin/common.ts';

const read = { access: { kind: 'staff' as const, role: 'viewer' as const } };
const write = { access: { kind: 'staff' as const, role: 'agent' as const } };
const tags = ['assist'];

const MacroFields = {
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000).describe('May use {{customer.name}} and {{agent.name}}'),
  tags: z.array(z.string().trim().min(1).max(100)).max(50),
  team_id: z.string().uuid().nullable(),
};
const MacroBody = z.object({ ...MacroFields, tags: MacroFields.tags.default([]), team_id: MacroFields.team_id.default(null) }).strict();
const MacroPatch = z.object(MacroFields).partial().strict();
const SuggestQuery = z.object({ limit: z.coerce.number().int().min(1).max(10).default(3) });

const Macro = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    team_id: z.string().nullable(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Macro' });
const MacroResponse = z.object({ macro: Macro });
const Suggestions = z.object({
  summary: z.string().nullable().describe("The latest brief's summary"),
  recommended_next_step: z.object({ action: z.string(), text: z.string() }).nullable(),
  query: z.string().describe('What the customer is asking about (their last messages)'),
  replies: z.array(
    z.object({
      kind: z.enum(['knowledge', 'past_reply']),
      text: z.string(),
      score: z.number(),
      why: z.string(),
      article: z.object({ id: z.string(), title: z.string(), url: z.string().nullable() }).nullable(),
      source_conversation_id: z.string().nullable(),
    }),
  ),
  macros: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), rendered: z.string(), score: z.number() })),
});

const presentMacro = (m: MacroRow) => ({
  id: m.id,
  title: m.title,
  body: m.body,
  tags: m.tags,
  team_id: m.team_id,
  created_by: m.created_by,
  created_at: new Date(m.created_at).toISOString(),
  updated_at: new Date(m.updated_at).toISOString(),
});

// Agent assist: the brief, reply suggestions, macros; and the brief's published schema.
export function assistRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/schemas/brief.json',
    { schema: { tags, operationId: 'getBriefJsonSchema', summary: `JSON Schema of the handoff brief (version ${BRIEF_SCHEMA_VERSION})`, response: { 200: z.record(z.string(), z.unknown()).describe('JSON Schema, draft 2020-12') } }, config: { access: { kind: 'public' } } },
    async () => briefJsonSchema(),
  );

  r.get(
    '/api/v1/conversations/:id/brief',
    {
      schema: {
        tags,
        operationId: 'getBrief',
        summary: 'The brief of the latest handoff',
        params: IdParams,
        response: { 200: z.object({ handoff_id: z.string(), brief: Brief }) },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      const conversation = await ctx.conversations.getForActor(actor, request.params.id);
      const handoff = (await listHandoffs(ctx.db, actor.workspaceId, conversation.id)).at(-1);
      const brief = handoff ? BriefSchema.safeParse(handoff.brief) : null;
      if (!handoff || !brief?.success) throw new AppError('not_found', 'This conversation has no handoff brief.');
      return { handoff_id: handoff.id, brief: brief.data };
    },
  );

  r.get(
    '/api/v1/conversations/:id/suggestions',
    { schema: { tags, operationId: 'getSuggestions', summary: 'Reply suggestions from the knowledge and past replies, the brief summary, fitting macros', params: IdParams, querystring: SuggestQuery, response: { 200: Suggestions } }, config: read },
    async (request) => {
      const actor = staffActor(request);
      const conversation = await ctx.conversations.getForActor(actor, request.params.id);
      const [messages, customer, articles, pastReplies, macros, handoffs] = await Promise.all([
        listMessages(ctx.db, actor.workspaceId, conversation.id, { includeInternal: false, limit: 500 }),
        findCustomer(ctx.db, actor.workspaceId, conversation.customer_id),
        listArticleRows(ctx.db, actor.workspaceId, { limit: 5000 }),
        recentAgentReplies(ctx.db, actor.workspaceId, conversation.id, 500),
        listMacros(ctx.db, actor.workspaceId, { limit: 500 }),
        listHandoffs(ctx.db, actor.workspaceId, conversation.id),
      ]);
      const result = suggest({
        conversation,
        customer: customer ?? null,
        agentName: actor.type === 'agent' ? actor.name : null,
        messages,
        articles,
        pastReplies,
        macros: macros.filter((m) => !m.team_id || m.team_id === conversation.team_id),
        limit: request.query.limit,
      });
      const brief = handoffs.at(-1)?.brief as { summary?: unknown; recommended_next_step?: { action: string; text: string } } | undefined;
      return {
        summary: typeof brief?.summary === 'string' ? brief.summary : null,
        recommended_next_step: brief?.recommended_next_step ?? null,
        ...result,
      };
    },
  );

  r.get('/api/v1/macros', { schema: { tags, operationId: 'listMacros', summary: 'Macros (saved replies), cursor-paginated', querystring: PageQuery, response: { 200: z.object({ macros: z.array(Macro), next_cursor: NextCursor }) } }, config: read }, async (request) => {
    const actor = staffActor(request);
    const rows = await listMacros(ctx.db, actor.workspaceId, { afterId: decodeIdCursor(request.query.cursor), limit: request.query.limit + 1 });
    const { items, next_cursor } = page(rows, request.query.limit);
    return { macros: items.map(presentMacro), next_cursor };
  });

  const checkTeam = async (workspaceId: string, teamId: string | null | undefined) => {
    if (teamId && !(await findTeam(ctx.db, workspaceId, teamId))) throw new AppError('invalid_request', 'team_id: no such team');
  };

  r.post('/api/v1/macros', { schema: { tags, operationId: 'createMacro', summary: 'Save a macro', body: MacroBody, response: { 201: MacroResponse } }, config: write }, async (request, reply) => {
    const actor = staffActor(request);
    const b = request.body;
    await checkTeam(actor.workspaceId, b.team_id);
    const row = await transaction(ctx.db, async (tx) => {
      const m = await insertMacro(tx, { id: randomUUID(), workspaceId: actor.workspaceId, title: b.title, body: b.body, tags: b.tags, teamId: b.team_id, createdBy: actor.type === 'agent' ? actor.id : null });
      await appendEvent(tx, { workspaceId: actor.workspaceId, conversationId: null, type: 'macro.created', actor: actorRef(actor), data: { macro_id: m.id, title: m.title } });
      return m;
    });
    reply.status(201);
    return { macro: presentMacro(row) };
  });

  r.patch('/api/v1/macros/:id', { schema: { tags, operationId: 'updateMacro', summary: 'Change a macro', params: IdParams, body: MacroPatch, response: { 200: MacroResponse } }, config: write }, async (request) => {
    const actor = staffActor(request);
    const b = request.body;
    const row = await transaction(ctx.db, async (tx) => {
      if (!(await findMacro(tx, actor.workspaceId, request.params.id))) throw new AppError('not_found');
      await checkTeam(actor.workspaceId, b.team_id);
      const m = await updateMacro(tx, actor.workspaceId, request.params.id, { title: b.title, body: b.body, tags: b.tags, teamId: b.team_id });
      await appendEvent(tx, { workspaceId: actor.workspaceId, conversationId: null, type: 'macro.updated', actor: actorRef(actor), data: { macro_id: m!.id, changed: Object.keys(b) } });
      return m!;
    });
    return { macro: presentMacro(row) };
  });

  r.delete('/api/v1/macros/:id', { schema: { tags, operationId: 'deleteMacro', summary: 'Delete a macro', params: IdParams, response: { 200: Ok } }, config: write }, async (request) => {
    const actor = staffActor(request);
    await transaction(ctx.db, async (tx) => {
      const m = await findMacro(tx, actor.workspaceId, request.params.id);
      if (!m || !(await deleteMacro(tx, actor.workspaceId, m.id))) throw new AppError('not_found');
      await appendEvent(tx, { workspaceId: actor.workspaceId, conversationId: null, type: 'macro.deleted', actor: actorRef(actor), data: { macro_id: m.id, title: m.title } });
    });
    return { ok: true };
  });
}
