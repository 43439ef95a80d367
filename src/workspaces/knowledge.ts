import type { Kysely } from 'kysely';
import type { ArticleRow, Schema } from '../db/schema.ts';
import type { Article } from '../engine/types.ts';
import type { Actor } from '../conversations/actor.ts';
import { actorRef } from '../conversations/actor.ts';
import {
  deleteArticleRow,
  findArticle,
  listArticleRows,
  listArticles,
  syncArticles,
  toArticle,
  type SyncSummary,
} from '../db/repositories/knowledge.ts';
import { AppError } from '../errors.ts';
import { chunkArticle, type Passage } from '../knowledge/chunk.ts';
import { readKnowledgeUpload, uploadProblem, type KnowledgeUpload } from '../knowledge/upload.ts';
import { sharedExampleMessage, sharedExamples } from '../knowledge/shared-examples.ts';
import { appendEvent } from '../db/repositories/events.ts';
import type { Executor } from '../db/repositories/executor.ts';
import { transaction } from '../db/transaction.ts';
import { adminChange } from './admin-change.ts';

/**
 * Replaces a workspace's knowledge in one transaction (a failure keeps the old knowledge
 * whole) and announces `knowledge.updated`, on which every node rebuilds its engine.
 */
export async function updateKnowledge(
  db: Kysely<Schema>,
  actor: Actor,
  articles: Article[],
  opts: { prune: boolean; source: string },
): Promise<SyncSummary> {
  return transaction(db, async (tx) => {
    const summary = await syncArticles(tx, actor.workspaceId, articles, opts);
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: null,
      type: 'knowledge.updated',
      actor: actorRef(actor),
      data: { source: opts.source, ...summary },
    });
    return summary;
  });
}

/** A page of a workspace's articles, by id. */
export const articlesPage = (db: Kysely<Schema>, workspaceId: string, p: { afterId?: string; limit: number }): Promise<ArticleRow[]> =>
  listArticleRows(db, workspaceId, p);

/** Something in a workspace's knowledge that works against the bot, though nothing is wrong with the files. */
export interface KnowledgeWarning {
  kind: 'shared_example';
  message: string;
  /** The example question, as the first of its articles writes it. */
  question: string;
  articles: string[];
}

/** What the workspace's knowledge, as it now is, does against the bot (`knowledge/shared-examples.ts`). */
export async function knowledgeWarnings(db: Executor, workspaceId: string): Promise<KnowledgeWarning[]> {
  return sharedExamples(await listArticles(db, workspaceId)).map((s) => ({
    kind: 'shared_example',
    message: sharedExampleMessage(s),
    ...s,
  }));
}

/**
 * An admin's upload, all or nothing: read with the parsers `baton ingest` uses; when any line
 * or file is bad nothing is stored and every problem is listed once (file, line, why).
 * Otherwise like `updateKnowledge`, audited as an admin change (the event also says whether
 * the upload pruned). Stored, it comes back with the warnings on the workspace's knowledge as
 * it now is (an example question of two articles may be one of the upload's and one of before).
 */
export function uploadKnowledge(
  db: Kysely<Schema>,
  actor: Actor,
  upload: KnowledgeUpload,
  prune: boolean,
): Promise<{ summary: SyncSummary; warnings: KnowledgeWarning[] }> {
  const { articles, errors } = readKnowledgeUpload(upload);
  if (errors.length > 0) {
    const n = errors.length;
    throw new AppError(
      'invalid_request',
      `${n} ${n === 1 ? 'problem' : 'problems'} in the upload; nothing was stored.`,
      errors.map(uploadProblem),
    );
  }
  if (articles.length === 0) throw new AppError('invalid_request', 'The upload holds no articles; nothing was stored.');
  return adminChange(db, actor, async (tx, audit) => {
    const s = await syncArticles(tx, actor.workspaceId, articles, { prune });
    // Every node's bot seat rebuilds from the new knowledge when it hears this.
    await audit('knowledge.updated', { ...s, prune, source: 'admin-upload' });
    return { summary: s, warnings: await knowledgeWarnings(tx, actor.workspaceId) };
  });
}

/** One article with the passages the bot retrieves and cites, as the chunker cuts them now. */
export async function articleDetail(
  db: Kysely<Schema>,
  workspaceId: string,
  id: string,
): Promise<{ row: ArticleRow; passages: Passage[] }> {
  const row = await findArticle(db, workspaceId, id);
  if (!row) throw new AppError('not_found', 'No such article.');
  return { row, passages: chunkArticle(toArticle(row)) };
}

/** Deletes one article; the audited `knowledge.updated` makes every node rebuild its index without it. */
export function deleteArticle(db: Kysely<Schema>, actor: Actor, id: string): Promise<void> {
  return adminChange(db, actor, async (tx, audit) => {
    const gone = await deleteArticleRow(tx, actor.workspaceId, id);
    if (!gone) throw new AppError('not_found', 'No such article.');
    await audit('knowledge.updated', {
      added: 0,
      updated: 0,
      unchanged: 0,
      deleted: 1,
      article_id: id,
      title: gone.title,
      source: 'admin-delete',
    });
  });
}
