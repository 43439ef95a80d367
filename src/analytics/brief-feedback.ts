import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Schema } from '../db/schema.ts';
import { transaction } from '../db/transaction.ts';
import { findConversation } from '../db/repositories/conversations.ts';
import { rateLatestBrief } from '../db/repositories/analytics.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { actorRef, type Actor } from '../conversations/actor.ts';

/**
 * An agent's one-click rating of the brief on the conversation's latest handoff, with its
 * event. `asAgent` names the rater; it is asked only once the conversation is found, so an
 * API key learns "not found" before "forbidden", as for every other conversation route.
 */
export function rateBrief(
  db: Kysely<Schema>,
  workspaceId: string,
  conversationId: string,
  rating: { useful: boolean; comment: string | null },
  asAgent: () => Actor & { type: 'agent' },
) {
  const at = new Date();
  return transaction(db, async (tx) => {
    const conversation = await findConversation(tx, workspaceId, conversationId);
    if (!conversation) throw new AppError('not_found');
    const actor = asAgent();
    const { useful, comment } = rating;
    const handoff = await rateLatestBrief(tx, actor.workspaceId, conversation.id, { useful, comment, agentId: actor.id, at });
    if (!handoff) throw new AppError('conflict', 'This conversation has no handoff, so no brief to rate.');
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: conversation.id,
      type: 'handoff.brief_rated',
      actor: actorRef(actor),
      data: { handoff_id: handoff.id, useful, commented: comment !== null },
    });
    return { handoff_id: handoff.id, useful, comment, rated_at: at.toISOString() };
  });
}
