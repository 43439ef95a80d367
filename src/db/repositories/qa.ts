import type { Executor } from './executor.ts';
import { json } from './executor.ts';

/** Live handoffs (not imported history) requested in [start, end), in a stable order. */
export function handoffsRequestedIn(db: Executor, workspaceId: string, start: Date, end: Date) {
  return db
    .selectFrom('handoffs as h')
    .innerJoin('conversations as c', 'c.id', 'h.conversation_id')
    .select(['h.id', 'h.conversation_id', 'h.requested_at', 'h.reasons', 'h.team_id', 'h.brief', 'h.brief_useful'])
    .where('h.workspace_id', '=', workspaceId)
    .where('h.requested_at', '>=', start)
    .where('h.requested_at', '<', end)
    .where('c.channel', 'not like', 'import:%')
    .orderBy('h.id')
    .execute();
}

export function findHandoffInWorkspace(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('handoffs')
    .select(['id', 'conversation_id', 'requested_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One review per handoff and reviewer: submitting again replaces the scores. */
export function upsertReview(
  db: Executor,
  r: {
    id: string;
    workspaceId: string;
    handoffId: string;
    conversationId: string;
    reviewerId: string;
    month: string;
    scores: Record<string, number>;
    comment: string | null;
  },
) {
  return db
    .insertInto('qa_reviews')
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      handoff_id: r.handoffId,
      conversation_id: r.conversationId,
      reviewer_id: r.reviewerId,
      month: r.month,
      scores: json(r.scores),
      comment: r.comment,
    })
    .onConflict((oc) =>
      oc
        .columns(['handoff_id', 'reviewer_id'])
        .doUpdateSet({ scores: json(r.scores), comment: r.comment, month: r.month, updated_at: new Date() }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function reviewsForMonth(db: Executor, workspaceId: string, month: string) {
  return db
    .selectFrom('qa_reviews')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('month', '=', month)
    .orderBy('created_at')
    .execute();
}
