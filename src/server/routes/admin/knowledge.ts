import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth.ts';
import { articleDetail, articlesPage, deleteArticle, knowledgeWarnings, uploadKnowledge } from '../../../workspaces/knowledge.ts';
import type { ArticleRow } from '../../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import { NextCursor, Ok } from '../responses.ts';
import { adminAccess, decodeIdCursor, isArticleId, page, PageQuery, tags } from './common.ts';

/** Bytes: a help centre's export runs to megabytes; the server-wide BODY_LIMIT is sized for messages. */
const UPLOAD_BODY_LIMIT = 25 * 1024 * 1024;
const UploadJson = z
  .object({ articles: z.array(z.unknown()).max(20_000).describe('Articles as in a .json file (docs/formats.md#knowledge)') })
  .strict();
const UploadFiles = z
  .object({
    files: z
      .array(
        z.object({
          name: z.string().min(1).max(500).describe('The file name: its extension says the format (.jsonl, .json, .md, .html)'),
          text: z.string().max(UPLOAD_BODY_LIMIT),
        }),
      )
      .min(1)
      .max(1000),
  })
  .strict()
  .describe('Knowledge files as they are on disk, read exactly as `baton ingest` reads them');
const ArticleParams = z.object({ id: z.string().min(1).max(200) });
const UploadQuery = z.object({ prune: z.enum(['true', 'false']).default('false').describe('Delete articles that are not in the upload') });
const JSONL_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines'];

const AdminArticle = z
  .object({
    id: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    locale: z.string().nullable(),
    tags: z.array(z.string()),
    examples: z.number().describe('How many example questions'),
    body_chars: z.number(),
    version: z.number(),
    updated_at: z.string(),
  })
  .meta({ id: 'AdminArticle', description: 'A knowledge article, without its body' });
const AdminArticleDetail = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    url: z.string().nullable(),
    locale: z.string().nullable(),
    tags: z.array(z.string()),
    examples: z.array(z.string()),
    version: z.number(),
    updated_at: z.string(),
    passages: z
      .array(z.object({ index: z.number(), heading: z.string().nullable(), text: z.string() }))
      .describe('The passages retrieval scores and answers cite, as the chunker cuts the article'),
  })
  .meta({ id: 'AdminArticleDetail', description: 'A knowledge article with its body and passages' });
const SyncSummary = z.object({ added: z.number(), updated: z.number(), unchanged: z.number(), deleted: z.number() });
const KnowledgeWarning = z
  .object({
    kind: z.enum(['shared_example']).describe('shared_example: an example question listed by more than one article'),
    message: z.string().describe('What is wrong and what to do, in words'),
    question: z.string().describe('The example question, as the first of its articles (by id) writes it'),
    articles: z.array(z.string()).describe('The ids of the articles that list it'),
  })
  .meta({
    id: 'KnowledgeWarning',
    description:
      "Something in the workspace's knowledge, as it is after the upload, that works against the bot though the files are valid: an example question of two articles teaches the bot that it is about both, so it splits such questions between them and may hand them off.",
  });

const presentArticle = (a: ArticleRow) => ({
  id: a.id,
  title: a.title,
  url: a.url,
  locale: a.locale,
  tags: a.tags,
  examples: a.examples.length,
  body_chars: a.body.length,
  version: a.version,
  updated_at: new Date(a.updated_at).toISOString(),
});

// Knowledge as admins see it: a paginated list, one article, its deletion, and uploads.
export function knowledgeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/knowledge',
    {
      schema: {
        tags,
        operationId: 'listArticles',
        summary: 'Knowledge articles (cursor-paginated, by id)',
        querystring: PageQuery,
        response: { 200: z.object({ articles: z.array(AdminArticle), next_cursor: NextCursor }) },
      },
      config: adminAccess,
    },
    async (request) => {
      const actor = staffActor(request);
      const rows = await articlesPage(ctx.db, actor.workspaceId, {
        afterId: decodeIdCursor(request.query.cursor, isArticleId),
        limit: request.query.limit + 1,
      });
      const { items, next_cursor } = page(rows, request.query.limit);
      return { articles: items.map(presentArticle), next_cursor };
    },
  );

  r.get(
    '/api/v1/admin/knowledge-warnings',
    {
      schema: {
        tags,
        operationId: 'listKnowledgeWarnings',
        summary: "What in the workspace's knowledge works against the bot, though it is valid (example questions of more than one article)",
        response: { 200: z.object({ warnings: z.array(KnowledgeWarning) }) },
      },
      config: adminAccess,
    },
    async (request) => ({ warnings: await knowledgeWarnings(ctx.db, staffActor(request).workspaceId) }),
  );

  r.get(
    '/api/v1/admin/knowledge/:id',
    {
      schema: {
        tags,
        operationId: 'getArticle',
        summary: 'One knowledge article, with its body and the passages the bot retrieves',
        params: ArticleParams,
        response: { 200: z.object({ article: AdminArticleDetail }) },
      },
      config: adminAccess,
    },
    async (request) => {
      const { row, passages } = await articleDetail(ctx.db, staffActor(request).workspaceId, request.params.id);
      return {
        article: {
          ...presentArticle(row),
          body: row.body,
          examples: row.examples,
          passages: passages.map((p) => ({ index: p.index, heading: p.heading, text: p.text })),
        },
      };
    },
  );

  r.delete(
    '/api/v1/admin/knowledge/:id',
    {
      schema: {
        tags,
        operationId: 'deleteArticle',
        summary: 'Delete one knowledge article (audited; every node rebuilds its index without it)',
        params: ArticleParams,
        response: { 200: Ok },
      },
      config: adminAccess,
    },
    async (request) => {
      await deleteArticle(ctx.db, staffActor(request), request.params.id);
      return { ok: true as const };
    },
  );

  // JSONL bodies are parsed as text in this scope only; elsewhere the API stays JSON-only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(JSONL_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/admin/knowledge',
      {
        bodyLimit: Math.max(UPLOAD_BODY_LIMIT, ctx.env.BODY_LIMIT),
        schema: {
          tags,
          operationId: 'uploadArticles',
          summary:
            'Upload articles: files {"files": [{"name", "text"}]} (read as `baton ingest` reads them), JSONL (Content-Type application/x-ndjson) or JSON {"articles": [...]}; ?prune=true deletes the rest',
          description:
            'All or nothing: when any line or file is bad nothing is stored, and the 400 lists every problem once in `error.details` as `{file, line?, article?, message}` (line: 1-based in JSONL; article: 1-based place in a JSON list). Stored, the answer also lists `warnings` on the knowledge as it now is (an example question listed by two articles), which store nothing differently.',
          querystring: UploadQuery,
          body: z.union([z.string().max(UPLOAD_BODY_LIMIT), UploadJson, UploadFiles]),
          response: { 200: z.object({ summary: SyncSummary, warnings: z.array(KnowledgeWarning) }) },
        },
        config: adminAccess,
      },
      async (request) => uploadKnowledge(ctx.db, staffActor(request), request.body, request.query.prune === 'true'),
    );
  });
}
