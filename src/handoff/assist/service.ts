import type { Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Schema } from '../../db/schema.ts';
import { findCustomer } from '../../db/repositories/conversations.ts';
import { listMessages } from '../../db/repositories/messages.ts';
import { listArticleRows } from '../../db/repositories/knowledge.ts';
import { listHandoffs } from '../../db/repositories/handoffs.ts';
import { listMacros, recentAgentReplies } from '../../db/repositories/routing.ts';
import type { Actor } from '../../conversations/actor.ts';
import type { ConversationKernel } from '../../conversations/kernel.ts';
import { BriefSchema, type Brief } from '../brief/schema.ts';
import { suggest } from './suggest.ts';
import { withCurrentBrief } from '../brief/refresh.ts';

// Agent assist as the routes ask for it: the latest brief, and reply suggestions.

/** The brief of the conversation's latest handoff; not found when there is none (or it no longer parses). */
export async function latestBrief(
  kernel: ConversationKernel,
  db: Kysely<Schema>,
  actor: Actor,
  conversationId: string,
): Promise<{ handoff_id: string; brief: Brief }> {
  const conversation = await kernel.getForActor(actor, conversationId);
  const [handoffs, customer] = await Promise.all([
    listHandoffs(db, actor.workspaceId, conversation.id),
    findCustomer(db, actor.workspaceId, conversation.customer_id),
  ]);
  const handoff = (await withCurrentBrief(db, conversation, customer, handoffs)).at(-1);
  const brief = handoff ? BriefSchema.safeParse(handoff.brief) : null;
  if (!handoff || !brief?.success) throw new AppError('not_found', 'This conversation has no handoff brief.');
  return { handoff_id: handoff.id, brief: brief.data };
}

/** Reply suggestions from the knowledge and past replies, with the brief's summary and the macros that fit. */
export async function suggestionsFor(kernel: ConversationKernel, db: Kysely<Schema>, actor: Actor, conversationId: string, limit: number) {
  const conversation = await kernel.getForActor(actor, conversationId);
  const [messages, customer, articles, pastReplies, macros, handoffs] = await Promise.all([
    listMessages(db, actor.workspaceId, conversation.id, { includeInternal: false, limit: 500 }),
    findCustomer(db, actor.workspaceId, conversation.customer_id),
    listArticleRows(db, actor.workspaceId, { limit: 5000 }),
    recentAgentReplies(db, actor.workspaceId, conversation.id, 500),
    listMacros(db, actor.workspaceId, { limit: 500 }),
    listHandoffs(db, actor.workspaceId, conversation.id),
  ]);
  const result = suggest({
    conversation,
    customer: customer ?? null,
    agentName: actor.type === 'agent' ? actor.name : null,
    messages,
    articles,
    pastReplies,
    macros: macros.filter((m) => !m.team_id || m.team_id === conversation.team_id),
    limit,
  });
  const brief = handoffs.at(-1)?.brief as { summary?: unknown; recommended_next_step?: { action: string; text: string } } | undefined;
  return {
    summary: typeof brief?.summary === 'string' ? brief.summary : null,
    recommended_next_step: brief?.recommended_next_step ?? null,
    ...result,
  };
}
