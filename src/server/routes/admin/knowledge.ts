import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { articlesPage, uploadKnowledge } from '../../../workspaces/knowledge.ts';
import type { Article } from '../../../engine/types.ts';
import type { ArticleRow } from '../../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import { NextCursor } from '../responses.ts';
import { adminAccess, decodeIdCursor, isArticleId, page, PageQuery, tags } from './common.ts';

/** One knowledge article, as in shared/contracts/eval.md. */
export const ArticleLine = z
  .object({
    id: z.string().trim().min(1).max(200),
    title: z.string().trim().min(1).max(500),
    body: z.string().min(1).max(100_000),
    /** Shown to customers in citations: http(s) links only. */
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) link' })
      .max(2000)
      .optional(),
    locale: z.string().min(2).max(10).optional(),
    tags: z.array(z.string().min(1).max(100)).max(100).optional(),
    examples: z.array(z.string().min(1).max(1000)).max(200).optional(),
  })
  .strict();

const UploadJson = z.object({ articles: z.array(z.unknown()).max(20_000) }).strict();
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
const SyncSummary = z.object({ added: z.number(), updated: z.number(), unchanged: z.number(), deleted: z.number() });

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

/** Validates every line; any error refuses the whole upload, with each problem listed. */
export function parseUpload(lines: { line: number; value: unknown }[]): Article[] {
  const problems: { line: number; path: string; message: string }[] = [];
  const articles: Article[] = [];
  const seen = new Set<string>();
  for (const { line, value } of lines) {
    const parsed = ArticleLine.safeParse(value);
    if (!parsed.success) {
      for (const i of parsed.error.issues.slice(0, 3)) problems.push({ line, path: i.path.join('.'), message: i.message });
    } else if (seen.has(parsed.data.id)) {
      problems.push({ line, path: 'id', message: `duplicate id ${parsed.data.id}` });
    } else {
      seen.add(parsed.data.id);
      articles.push(parsed.data);
    }
    if (problems.length >= 50) break;
  }
  if (problems.length)
    throw new AppError(
      'invalid_request',
      `line ${problems[0]!.line}: ${problems[0]!.path || 'article'}: ${problems[0]!.message}`,
      problems,
    );
  if (articles.length === 0) throw new AppError('invalid_request', 'The upload holds no articles.');
  return articles;
}

function jsonlLines(text: string): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch {
      throw new AppError('invalid_request', `line ${i + 1}: not valid JSON`, [{ line: i + 1, path: '', message: 'not valid JSON' }]);
    }
  });
  return out;
}

// Knowledge as admins see it: a paginated list, and uploads (JSONL, or JSON {articles}).
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

  // JSONL bodies are parsed as text in this scope only; elsewhere the API stays JSON-only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(JSONL_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/admin/knowledge',
      {
        schema: {
          tags,
          operationId: 'uploadArticles',
          summary:
            'Upload articles: JSONL (one article per line, Content-Type application/x-ndjson) or JSON {"articles": [...]}; ?prune=true deletes the rest',
          querystring: UploadQuery,
          body: z.union([z.string().max(50_000_000), UploadJson]),
          response: { 200: z.object({ summary: SyncSummary }) },
        },
        config: adminAccess,
      },
      async (request) => {
        const actor = staffActor(request);
        const body = request.body;
        const lines = typeof body === 'string' ? jsonlLines(body) : body.articles.map((value, i) => ({ line: i + 1, value }));
        const articles = parseUpload(lines);
        const summary = await uploadKnowledge(ctx.db, actor, articles, request.query.prune === 'true');
        return { summary };
      },
    );
  });
}
