import { sql } from 'kysely';
import type { Author } from '../schema.ts';
import type { Executor } from './executor.ts';

export interface AnalyticsScope {
  workspaceId: string;
  from: Date;
  to: Date;
  teamId?: string;
  intent?: string;
  language?: string;
  /** Imported history (channel import:*) is left out unless asked for. */
  includeImported: boolean;
}

export interface ScopeConversation {
  id: string;
  created_at: Date;
  team_id: string | null;
  intent: string | null;
  language: string | null;
  csat: number | null;
  status: string;
}

export interface ScopeHandoff {
  id: string;
  conversation_id: string;
  team_id: string | null;
  reasons: string[];
  brief: Record<string, unknown>;
  requested_at: Date;
  accepted_at: Date | null;
  first_agent_reply_at: Date | null;
  resolved_at: Date | null;
  brief_useful: boolean | null;
}

export interface ScopeMessage {
  conversation_id: string;
  author: Author;
  text: string;
  action: string | null;
  created_at: Date;
}

/** Conversations created in [from, to) matching the filters (team: the conversation's or a handoff's). */
export function scopeConversations(db: Executor, s: AnalyticsScope): Promise<ScopeConversation[]> {
  let q = db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.created_at', 'c.team_id', 'c.intent', 'c.language', 'c.csat', 'c.status'])
    .where('c.workspace_id', '=', s.workspaceId)
    .where('c.created_at', '>=', s.from)
    .where('c.created_at', '<', s.to);
  if (!s.includeImported) q = q.where('c.channel', 'not like', 'import:%');
  if (s.intent) q = q.where('c.intent', '=', s.intent);
  if (s.language) q = q.where('c.language', '=', s.language);
  if (s.teamId) {
    const team = s.teamId;
    q = q.where((eb) =>
      eb.or([
        eb('c.team_id', '=', team),
        eb.exists(
          eb
            .selectFrom('handoffs as h')
            .select(sql`1`.as('one'))
            .whereRef('h.conversation_id', '=', 'c.id')
            .where('h.team_id', '=', team),
        ),
      ]),
    );
  }
  return q.orderBy('c.created_at').orderBy('c.id').execute();
}

export async function handoffsOf(db: Executor, workspaceId: string, conversationIds: string[]): Promise<ScopeHandoff[]> {
  const out: ScopeHandoff[] = [];
  for (let i = 0; i < conversationIds.length; i += 1000) {
    const rows = await db
      .selectFrom('handoffs')
      .select([
        'id',
        'conversation_id',
        'team_id',
        'reasons',
        'brief',
        'requested_at',
        'accepted_at',
        'first_agent_reply_at',
        'resolved_at',
        'brief_useful',
      ])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', 'in', conversationIds.slice(i, i + 1000))
      .orderBy('requested_at')
      .execute();
    out.push(...rows);
  }
  return out;
}

/** Public messages (redacted text, bot action from the trace) of these conversations, in order. */
export async function messagesOf(db: Executor, workspaceId: string, conversationIds: string[]): Promise<ScopeMessage[]> {
  const out: ScopeMessage[] = [];
  for (let i = 0; i < conversationIds.length; i += 1000) {
    const rows = await db
      .selectFrom('messages')
      .select(['conversation_id', 'author', 'redacted_text as text', 'created_at', sql<string | null>`trace->>'action'`.as('action')])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', 'in', conversationIds.slice(i, i + 1000))
      .where('internal', '=', false)
      .orderBy('conversation_id')
      .orderBy('seq')
      .execute();
    out.push(...rows);
  }
  return out;
}

/** The one-click brief rating, on the conversation's latest handoff. */
export async function rateLatestBrief(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  rating: { useful: boolean; comment: string | null; agentId: string; at: Date },
): Promise<{ id: string } | undefined> {
  const latest = await db
    .selectFrom('handoffs')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('requested_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return undefined;
  await db
    .updateTable('handoffs')
    .set({ brief_useful: rating.useful, brief_comment: rating.comment, brief_rated_by: rating.agentId, brief_rated_at: rating.at })
    .where('id', '=', latest.id)
    .execute();
  return latest;
}
