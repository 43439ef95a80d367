import type { Kysely } from 'kysely';
import type { ConversationRow, CustomerRow, HandoffRow, MessageRow, Schema, TeamRow } from '../db/schema.ts';
import {
  countQueued,
  findCustomer,
  listConversations,
  listRowSummaries,
  type ConversationFilter,
} from '../db/repositories/conversations.ts';
import { listMessages } from '../db/repositories/messages.ts';
import { listHandoffs } from '../db/repositories/handoffs.ts';
import { listTeams } from '../db/repositories/agents.ts';
import type { ConversationKernel } from './kernel.ts';
import type { Actor } from './actor.ts';

// What staff read about conversations: queues, lists, one conversation in full.

type Counts = { queued: number; with_agent: number; awaiting_customer: number };

/** Open conversations per team and status; the last entry is the conversations with no team. */
export async function queues(db: Kysely<Schema>, workspaceId: string): Promise<({ team: TeamRow | null } & Counts)[]> {
  const [teams, counts] = await Promise.all([listTeams(db, workspaceId), countQueued(db, workspaceId)]);
  const queue = (teamId: string | null): Counts => {
    const of = (status: string) => Number(counts.find((c) => c.team_id === teamId && c.status === status)?.count ?? 0);
    return { queued: of('queued'), with_agent: of('with_agent'), awaiting_customer: of('awaiting_customer') };
  };
  return [...teams.map((t) => ({ team: t, ...queue(t.id) })), { team: null, ...queue(null) }];
}

export type RowSummary = Awaited<ReturnType<typeof listRowSummaries>> extends Map<string, infer S> ? S : never;

/** Conversations, newest activity first, each with what its inbox row shows (customer, latest line, intent title). */
export async function listForStaff(
  db: Kysely<Schema>,
  filter: ConversationFilter,
): Promise<{ row: ConversationRow; summary: RowSummary | undefined }[]> {
  const rows = await listConversations(db, filter);
  const summaries = await listRowSummaries(
    db,
    filter.workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ row, summary: summaries.get(row.id) }));
}

/** One conversation with its whole transcript (internal notes too), its handoffs and customer. */
export async function conversationInFull(
  kernel: ConversationKernel,
  db: Kysely<Schema>,
  actor: Actor,
  conversationId: string,
): Promise<{ conversation: ConversationRow; messages: MessageRow[]; handoffs: HandoffRow[]; customer: CustomerRow | undefined }> {
  const conversation = await kernel.getForActor(actor, conversationId);
  const [messages, handoffs, customer] = await Promise.all([
    listMessages(db, actor.workspaceId, conversation.id, { includeInternal: true, limit: 2000 }),
    listHandoffs(db, actor.workspaceId, conversation.id),
    findCustomer(db, actor.workspaceId, conversation.customer_id),
  ]);
  return { conversation, messages, handoffs, customer };
}
