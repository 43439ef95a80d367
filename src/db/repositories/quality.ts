import type { Author } from '../schema.ts';
import type { Executor } from './executor.ts';

/** Conversations of a workspace that had a handoff (oldest first), a page at a time. */
export async function handedOffConversationIds(
  db: Executor,
  workspaceId: string,
  opts: { since?: Date; after?: string; limit: number },
): Promise<string[]> {
  let q = db.selectFrom('handoffs').select('conversation_id').distinct().where('workspace_id', '=', workspaceId);
  if (opts.since) q = q.where('requested_at', '>=', opts.since);
  if (opts.after) q = q.where('conversation_id', '>', opts.after);
  const rows = await q.orderBy('conversation_id').limit(opts.limit).execute();
  return rows.map((r) => r.conversation_id);
}

/** Public transcripts (redacted text, author, time) of these conversations, in order. */
export async function transcripts(
  db: Executor,
  workspaceId: string,
  conversationIds: string[],
): Promise<Map<string, { author: Author; text: string; created_at: Date }[]>> {
  const out = new Map<string, { author: Author; text: string; created_at: Date }[]>();
  if (conversationIds.length === 0) return out;
  const rows = await db
    .selectFrom('messages')
    .select(['conversation_id', 'author', 'redacted_text', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', conversationIds)
    .where('internal', '=', false)
    .orderBy('conversation_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    let list = out.get(r.conversation_id);
    if (!list) out.set(r.conversation_id, (list = []));
    list.push({ author: r.author, text: r.redacted_text, created_at: r.created_at });
  }
  return out;
}
