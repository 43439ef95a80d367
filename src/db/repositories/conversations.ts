import { sql, type SqlBool } from 'kysely';
import type { ConversationRow, ConversationStatus, ConversationUpdate, CustomerRow, Priority } from '../schema.ts';
import { json, type Executor } from './executor.ts';

export function insertCustomer(
  db: Executor,
  c: {
    id: string;
    workspaceId: string;
    externalId: string | null;
    name?: string | null;
    email?: string | null;
    verified: boolean;
    attributes?: Record<string, unknown>;
  },
): Promise<CustomerRow> {
  return db
    .insertInto('customers')
    .values({
      id: c.id,
      workspace_id: c.workspaceId,
      external_id: c.externalId,
      name: c.name ?? null,
      email: c.email ?? null,
      verified: c.verified,
      attributes: json(c.attributes ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCustomerByExternalId(db: Executor, workspaceId: string, externalId: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export function findCustomer(db: Executor, workspaceId: string, id: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function updateCustomer(
  db: Executor,
  id: string,
  patch: { name?: string | null; email?: string | null; verified?: boolean; attributes?: Record<string, unknown> },
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.verified !== undefined) set.verified = patch.verified;
  if (patch.attributes !== undefined) set.attributes = json(patch.attributes);
  if (Object.keys(set).length === 0) return;
  await db.updateTable('customers').set(set).where('id', '=', id).execute();
}

export function insertConversation(
  db: Executor,
  c: { id: string; workspaceId: string; customerId: string; tokenHash: string; channel: string; language: string | null },
): Promise<ConversationRow> {
  return db
    .insertInto('conversations')
    .values({
      id: c.id,
      workspace_id: c.workspaceId,
      customer_id: c.customerId,
      token_hash: c.tokenHash,
      channel: c.channel,
      language: c.language,
      status: 'bot',
      controller: 'bot',
      tags: json([]),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The workspace's check on a conversation found by id. IS NOT DISTINCT FROM is never an index
 * condition, so the row comes from the primary key: with statistics from when the workspace was
 * new, the planner took it from conversations_workspace_created instead, reading every
 * conversation of the workspace to find one (seen in bench/realtime.ts --bot).
 */
const inWorkspace = (workspaceId: string) => sql<SqlBool>`conversations.workspace_id is not distinct from ${workspaceId}`;

export function findConversation(db: Executor, workspaceId: string, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).where(inWorkspace(workspaceId)).executeTakeFirst();
}

/** Locks the row for the rest of the transaction: control changes are serialised per conversation. */
export function lockConversation(db: Executor, workspaceId: string, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).where(inWorkspace(workspaceId)).forUpdate().executeTakeFirst();
}

/** A conversation with its workspace's policy, in one round trip; locked (like `lockConversation`) when asked. */
export function conversationWithPolicy(
  db: Executor,
  workspaceId: string,
  id: string,
  opts: { lock: boolean },
): Promise<(ConversationRow & { workspace_policy: unknown }) | undefined> {
  const q = db
    .selectFrom('conversations')
    .innerJoin('workspaces', 'workspaces.id', 'conversations.workspace_id')
    .selectAll('conversations')
    .select('workspaces.policy as workspace_policy')
    .where('conversations.id', '=', id)
    .where(inWorkspace(workspaceId));
  return (opts.lock ? q.forUpdate('conversations') : q).executeTakeFirst();
}

export function findConversationByTokenHash(db: Executor, tokenHash: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function updateConversation(db: Executor, id: string, patch: ConversationUpdate): Promise<ConversationRow> {
  return db
    .updateTable('conversations')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ConversationFilter {
  workspaceId: string;
  statuses?: ConversationStatus[];
  teamId?: string;
  assigneeId?: string;
  priority?: Priority;
  language?: string;
  customerId?: string;
  /** Keyset cursor: the (updated_at, id) of the last row of the previous page. */
  after?: { updatedAt: Date; id: string };
  limit: number;
}

export function listConversations(db: Executor, f: ConversationFilter): Promise<ConversationRow[]> {
  let q = db.selectFrom('conversations').selectAll().where('workspace_id', '=', f.workspaceId);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
  if (f.priority) q = q.where('priority', '=', f.priority);
  if (f.language) q = q.where('language', '=', f.language);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.after) q = q.where(sql<boolean>`(updated_at, id) < (${f.after.updatedAt}, ${f.after.id})`);
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** Queue sizes per team: what the agent workspace shows as queues. */
export async function countQueued(db: Executor, workspaceId: string) {
  return db
    .selectFrom('conversations')
    .select(['team_id', 'status', (eb) => eb.fn.countAll<string>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['queued', 'with_agent', 'awaiting_customer'])
    .groupBy(['team_id', 'status'])
    .execute();
}

/** How many open conversations each agent holds: their load against capacity. */
export async function countOpenByAssignee(db: Executor, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'with_agent')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id as string, Number(r.count)]));
}

/** What an inbox row shows beside the conversation: the customer's name, their latest line (redacted) and the intent's article title. */
export async function listRowSummaries(
  db: Executor,
  workspaceId: string,
  conversationIds: string[],
): Promise<Map<string, { customer_name: string | null; last_customer_text: string | null; intent_title: string | null }>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('conversations as c')
    .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('knowledge_articles as ka', (j) => j.onRef('ka.workspace_id', '=', 'c.workspace_id').onRef('ka.id', '=', 'c.intent'))
    .select(['c.id', 'cu.name as customer_name', 'ka.title as intent_title'])
    .select((eb) =>
      eb
        .selectFrom('messages as m')
        .select('m.redacted_text')
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.author', '=', 'customer')
        .where('m.internal', '=', false)
        .orderBy('m.seq', 'desc')
        .limit(1)
        .as('last_customer_text'),
    )
    .where('c.workspace_id', '=', workspaceId)
    .where('c.id', 'in', conversationIds)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { customer_name: r.customer_name, last_customer_text: r.last_customer_text, intent_title: r.intent_title }]),
  );
}
