import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Article } from '../engine/types.ts';
import type { Actor } from '../conversations/actor.ts';
import { actorRef } from '../conversations/actor.ts';
import { syncArticles, type SyncSummary } from '../db/repositories/knowledge.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { transaction } from '../db/transaction.ts';

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
