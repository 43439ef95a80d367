import type { HandoffRow, HandoffsTable } from '../schema.ts';
import type { Updateable } from 'kysely';
import { json, type Executor } from './executor.ts';

export function insertHandoff(
  db: Executor,
  h: {
    id: string;
    workspaceId: string;
    conversationId: string;
    reasons: string[];
    brief: Record<string, unknown>;
    routing: Record<string, unknown>;
    teamId: string | null;
  },
): Promise<HandoffRow> {
  return db
    .insertInto('handoffs')
    .values({
      id: h.id,
      workspace_id: h.workspaceId,
      conversation_id: h.conversationId,
      reasons: json(h.reasons),
      brief: json(h.brief),
      routing: json(h.routing),
      team_id: h.teamId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The handoff in progress: the latest one not yet resolved. */
export function findOpenHandoff(db: Executor, workspaceId: string, conversationId: string): Promise<HandoffRow | undefined> {
  return db
    .selectFrom('handoffs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('resolved_at', 'is', null)
    .orderBy('requested_at', 'desc')
    .executeTakeFirst();
}

export function listHandoffs(db: Executor, workspaceId: string, conversationId: string): Promise<HandoffRow[]> {
  return db
    .selectFrom('handoffs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('requested_at')
    .execute();
}

export async function updateHandoff(
  db: Executor,
  id: string,
  patch: Omit<Updateable<HandoffsTable>, 'brief' | 'routing' | 'reasons'> & {
    brief?: Record<string, unknown>;
    routing?: Record<string, unknown>;
  },
): Promise<void> {
  const { brief, routing, ...rest } = patch;
  await db
    .updateTable('handoffs')
    .set({ ...rest, ...(brief ? { brief: json(brief) } : {}), ...(routing ? { routing: json(routing) } : {}) })
    .where('id', '=', id)
    .execute();
}
