import type { HandoffRow } from '../schema.ts';
import type { Executor } from './executor.ts';

// Reads the brief and routing need beyond the core repositories.

export async function articlesByIds(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, { title: string; url: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('knowledge_articles')
    .select(['id', 'title', 'url'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { title: r.title, url: r.url }]));
}

export function findHandoffById(db: Executor, workspaceId: string, id: string): Promise<HandoffRow | undefined> {
  return db.selectFrom('handoffs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}
