import type { Kysely } from 'kysely';
import type { ArticleRow, Schema } from '../db/schema.ts';
import type { Article } from '../engine/types.ts';
import type { Actor } from '../conversations/actor.ts';
import { actorRef } from '../conversations/actor.ts';
import { listArticleRows, syncArticles, type SyncSummary } from '../db/repositories/knowledge.ts';
import { appendEvent } from '../db/repositories/events.ts';
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

/**
 * An admin's upload: like `updateKnowledge`, audited as an admin change (the event also says
 * whether the upload pruned).
 */
export function uploadKnowledge(db: Kysely<Schema>, actor: Actor, articles: Article[], prune: boolean): Promise<SyncSummary> {
  return adminChange(db, actor, async (tx, audit) => {
    const s = await syncArticles(tx, actor.workspaceId, articles, { prune });
    // Every node's bot seat rebuilds from the new knowledge when it hears this.
    await audit('knowledge.updated', { ...s, prune, source: 'admin-upload' });
    return s;
  });
}
