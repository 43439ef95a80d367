import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Schema } from '../db/schema.ts';
import { transaction } from '../db/transaction.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { findHandoffInWorkspace, handoffsRequestedIn, reviewsForMonth, upsertReview } from '../db/repositories/qa.ts';
import { actorRef, type Actor } from '../conversations/actor.ts';
import { monthRange } from './rubric.ts';

// QA reviews of handoff briefs: a month's handoffs and reviews, and an agent's review.

const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The handoffs requested in a month (YYYY-MM) and the reviews made of them. */
export async function monthUnderReview(db: Kysely<Schema>, workspaceId: string, month: string) {
  const { start, end } = monthRange(month);
  const [handoffs, reviews] = await Promise.all([
    handoffsRequestedIn(db, workspaceId, start, end),
    reviewsForMonth(db, workspaceId, month),
  ]);
  return { handoffs, reviews };
}

/** An agent scores a handoff on every rubric item; a second review by the same agent replaces the first. */
export function submitReview(
  db: Kysely<Schema>,
  actor: Actor & { type: 'agent' },
  review: { handoffId: string; scores: Record<string, number>; comment: string | null },
) {
  return transaction(db, async (tx) => {
    const h = await findHandoffInWorkspace(tx, actor.workspaceId, review.handoffId);
    if (!h) throw new AppError('not_found', 'No such handoff.');
    const row = await upsertReview(tx, {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      handoffId: h.id,
      conversationId: h.conversation_id,
      reviewerId: actor.id,
      month: monthOf(h.requested_at),
      scores: review.scores,
      comment: review.comment,
    });
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: h.conversation_id,
      type: 'qa.review_submitted',
      actor: actorRef(actor),
      data: { review_id: row.id, handoff_id: h.id },
    });
    return row;
  });
}
