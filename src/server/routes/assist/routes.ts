import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth.ts';
import type { MacroRow } from '../../../db/schema.ts';
import { latestBrief, suggestionsFor } from '../../../handoff/assist/service.ts';
import { changeMacro, createMacro, deleteMacro, macrosPage } from '../../../handoff/assist/macros.ts';
import { BRIEF_SCHEMA_VERSION, BriefSchema, briefJsonSchema } from '../../../handoff/brief/schema.ts';
import { Brief, NextCursor, Ok } from '../responses.ts';
import { IdParams } from '../schemas.ts';
import { languageCode } from '../../../engine/text/localized.ts';
import type { AppContext } from '../../context.ts';
import { decodeIdCursor, page, PageQuery } from '../admin/common.ts';

const read = { access: { kind: 'staff' as const, role: 'viewer' as const } };
const write = { access: { kind: 'staff' as const, role: 'agent' as const } };
const tags = ['assist'];

const MacroFields = {
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000).describe('May use {{customer.name}} and {{agent.name}}'),
  tags: z.array(z.string().trim().min(1).max(100)).max(50),
  language: languageCode()
    .nullable()
    .describe('The language the macro is written in; agent assist offers it to conversations in that language only. Null: any language'),
  team_id: z.string().uuid().nullable(),
};
const MacroBody = z
  .object({
    ...MacroFields,
    tags: MacroFields.tags.default([]),
    language: MacroFields.language.default(null),
    team_id: MacroFields.team_id.default(null),
  })
  .strict();
const MacroPatch = z.object(MacroFields).partial().strict();
const SuggestQuery = z.object({ limit: z.coerce.number().int().min(1).max(10).default(3) });

const Macro = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    language: z.string().nullable(),
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
  macros: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      body: z.string(),
      language: z.string().nullable(),
      rendered: z.string(),
      score: z.number(),
    }),
  ),
  drafts_withheld: z
    .enum(['at_risk'])
    .nullable()
    .describe('Why no reply is drafted from the knowledge: `at_risk` when the bot read self-harm or danger in the conversation'),
});

const presentMacro = (m: MacroRow) => ({
  id: m.id,
  title: m.title,
  body: m.body,
  tags: m.tags,
  language: m.language,
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
    {
      schema: {
        tags,
        operationId: 'getBriefJsonSchema',
        summary: `JSON Schema of the handoff brief (version ${BRIEF_SCHEMA_VERSION})`,
        response: { 200: z.record(z.string(), z.unknown()).describe('JSON Schema, draft 2020-12') },
      },
      config: { access: { kind: 'public' } },
    },
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
      return latestBrief(ctx.conversations, ctx.db, actor, request.params.id);
    },
  );

  r.get(
    '/api/v1/conversations/:id/suggestions',
    {
      schema: {
        tags,
        operationId: 'getSuggestions',
        summary: 'Reply suggestions from the knowledge and past replies, the brief summary, fitting macros',
        params: IdParams,
        querystring: SuggestQuery,
        response: { 200: Suggestions },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      return suggestionsFor(ctx.conversations, ctx.db, actor, request.params.id, request.query.limit);
    },
  );

  r.get(
    '/api/v1/macros',
    {
      schema: {
        tags,
        operationId: 'listMacros',
        summary: 'Macros (saved replies), cursor-paginated',
        querystring: PageQuery,
        response: { 200: z.object({ macros: z.array(Macro), next_cursor: NextCursor }) },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      const rows = await macrosPage(ctx.db, actor.workspaceId, {
        afterId: decodeIdCursor(request.query.cursor),
        limit: request.query.limit + 1,
      });
      const { items, next_cursor } = page(rows, request.query.limit);
      return { macros: items.map(presentMacro), next_cursor };
    },
  );

  r.post(
    '/api/v1/macros',
    {
      schema: { tags, operationId: 'createMacro', summary: 'Save a macro', body: MacroBody, response: { 201: MacroResponse } },
      config: write,
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const row = await createMacro(ctx.db, actor, request.body);
      reply.status(201);
      return { macro: presentMacro(row) };
    },
  );

  r.patch(
    '/api/v1/macros/:id',
    {
      schema: {
        tags,
        operationId: 'updateMacro',
        summary: 'Change a macro',
        params: IdParams,
        body: MacroPatch,
        response: { 200: MacroResponse },
      },
      config: write,
    },
    async (request) => {
      const actor = staffActor(request);
      const row = await changeMacro(ctx.db, actor, request.params.id, request.body);
      return { macro: presentMacro(row) };
    },
  );

  r.delete(
    '/api/v1/macros/:id',
    { schema: { tags, operationId: 'deleteMacro', summary: 'Delete a macro', params: IdParams, response: { 200: Ok } }, config: write },
    async (request) => {
      const actor = staffActor(request);
      await deleteMacro(ctx.db, actor, request.params.id);
      return { ok: true };
    },
  );
}
