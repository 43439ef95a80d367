import type { Author, Priority } from '../schema.ts';
import { json, type Executor } from './executor.ts';

/** One historical conversation, ready to store: ids are derived from its source id (idempotent). */
export interface ImportRow {
  conversationId: string;
  customerId: string;
  externalId: string;
  tokenHash: string;
  channel: string;
  language: string | null;
  tags: string[];
  csat: number | null;
  piiState: string | null;
  createdAt: Date;
  updatedAt: Date;
  messages: { id: string; seq: number; author: Author; text: string; createdAt: Date }[];
  handoff: { id: string; requestedAt: Date; firstAgentReplyAt: Date; resolvedAt: Date; brief: Record<string, unknown> } | null;
}

/** The ids among `conversationIds` that are already stored (a re-import skips them). */
export async function existingConversationIds(db: Executor, workspaceId: string, conversationIds: string[]): Promise<Set<string>> {
  if (conversationIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', conversationIds)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Inserts imported conversations (closed, no controller) with their customers, messages and handoffs. */
export async function insertImported(db: Executor, workspaceId: string, rows: ImportRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('customers')
    .values(
      rows.map((r) => ({
        id: r.customerId,
        workspace_id: workspaceId,
        external_id: r.externalId,
        verified: false,
        attributes: json({ imported: true }),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('conversations')
    .values(
      rows.map((r) => ({
        id: r.conversationId,
        workspace_id: workspaceId,
        customer_id: r.customerId,
        token_hash: r.tokenHash,
        channel: r.channel,
        language: r.language,
        status: 'closed' as const,
        controller: 'none' as const,
        priority: 'normal' as Priority,
        tags: json(r.tags),
        csat: r.csat,
        last_seq: r.messages.length,
        pii_state: r.piiState,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })),
    )
    .execute();
  const messages = rows.flatMap((r) =>
    r.messages.map((m) => ({
      id: m.id,
      workspace_id: workspaceId,
      conversation_id: r.conversationId,
      seq: m.seq,
      author: m.author,
      text: m.text,
      redacted_text: m.text,
      agent_id: null,
      internal: false,
      citations: json([]),
      trace: null,
      created_at: m.createdAt,
    })),
  );
  // Postgres caps a statement at 65535 parameters: insert messages in slices.
  for (let i = 0; i < messages.length; i += 2000)
    await db
      .insertInto('messages')
      .values(messages.slice(i, i + 2000))
      .execute();
  const handoffs = rows.filter((r) => r.handoff);
  if (handoffs.length) {
    await db
      .insertInto('handoffs')
      .values(
        handoffs.map((r) => ({
          id: r.handoff!.id,
          workspace_id: workspaceId,
          conversation_id: r.conversationId,
          reasons: json([]),
          brief: json(r.handoff!.brief),
          routing: json({}),
          requested_at: r.handoff!.requestedAt,
          accepted_at: r.handoff!.firstAgentReplyAt,
          first_agent_reply_at: r.handoff!.firstAgentReplyAt,
          resolved_at: r.handoff!.resolvedAt,
        })),
      )
      .execute();
  }
}
