import { createHash } from 'node:crypto';
import type { Article } from '../../engine/types.ts';
import type { ArticleRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';

export interface SyncSummary {
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

const hashArticle = (a: Article): string =>
  createHash('sha256')
    .update(JSON.stringify([a.title, a.body, a.url ?? null, a.locale ?? 'en', a.tags ?? [], a.examples ?? []]))
    .digest('hex');

/**
 * Brings a workspace's articles in line with `articles`: new ones added, changed ones get a
 * new version, and with `prune` the ones no longer present are deleted. Run it in a
 * transaction so a failed ingest leaves the previous knowledge whole.
 */
export async function syncArticles(db: Executor, workspaceId: string, articles: Article[], opts: { prune: boolean }): Promise<SyncSummary> {
  const existing = new Map(
    (
      await db.selectFrom('knowledge_articles').select(['id', 'content_hash', 'version']).where('workspace_id', '=', workspaceId).execute()
    ).map((r) => [r.id, r]),
  );
  const summary: SyncSummary = { added: 0, updated: 0, unchanged: 0, deleted: 0 };
  const seen = new Set<string>();
  for (const a of articles) {
    seen.add(a.id);
    const hash = hashArticle(a);
    const old = existing.get(a.id);
    if (old && old.content_hash === hash) {
      summary.unchanged++;
      continue;
    }
    const values = {
      title: a.title,
      body: a.body,
      url: a.url ?? null,
      locale: a.locale ?? 'en',
      tags: json(a.tags ?? []),
      examples: json(a.examples ?? []),
      content_hash: hash,
    };
    if (old) {
      await db
        .updateTable('knowledge_articles')
        .set({ ...values, version: old.version + 1, updated_at: new Date() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', a.id)
        .execute();
      summary.updated++;
    } else {
      await db
        .insertInto('knowledge_articles')
        .values({ ...values, workspace_id: workspaceId, id: a.id, version: 1 })
        .execute();
      summary.added++;
    }
  }
  if (opts.prune) {
    const gone = [...existing.keys()].filter((id) => !seen.has(id));
    if (gone.length > 0) {
      await db.deleteFrom('knowledge_articles').where('workspace_id', '=', workspaceId).where('id', 'in', gone).execute();
    }
    summary.deleted = gone.length;
  }
  return summary;
}

export const toArticle = (r: ArticleRow): Article => ({
  id: r.id,
  title: r.title,
  body: r.body,
  url: r.url ?? undefined,
  locale: r.locale,
  tags: r.tags,
  examples: r.examples,
});

export async function listArticles(db: Executor, workspaceId: string): Promise<Article[]> {
  const rows = await db.selectFrom('knowledge_articles').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return rows.map(toArticle);
}

export function listArticleRows(db: Executor, workspaceId: string, page: { afterId?: string; limit: number }): Promise<ArticleRow[]> {
  let q = db.selectFrom('knowledge_articles').selectAll().where('workspace_id', '=', workspaceId);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q.orderBy('id').limit(page.limit).execute();
}

export async function findArticle(db: Executor, workspaceId: string, id: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('knowledge_articles').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Deletes one article; its title when there was one. */
export function deleteArticleRow(db: Executor, workspaceId: string, id: string): Promise<{ title: string } | undefined> {
  return db
    .deleteFrom('knowledge_articles')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning('title')
    .executeTakeFirst();
}
