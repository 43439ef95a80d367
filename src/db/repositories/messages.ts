import { sql, type Kysely, type RawBuilder } from 'kysely';
import { Coalescer } from '../coalesce.ts';
import { isUniqueViolation, sqlState } from '../errors.ts';
import type { ActorType, Author, ConversationRow, ConversationStatus, MessageRow, Schema } from '../schema.ts';
import { json, type Executor } from './executor.ts';
import { PREPARED } from '../prepared.ts';
import { announceEvent, EVENTS_CHANNEL, eventValues, messageCreatedNotice, NOTIFY_MESSAGE_CREATED, type NewEvent } from './events.ts';
import { announcedByStatement } from '../transaction.ts';

export interface NewMessageInput {
  id: string;
  workspaceId: string;
  conversationId: string;
  seq: number;
  author: Author;
  agentId?: string | null;
  text: string;
  redactedText: string;
  internal?: boolean;
  citations?: unknown[];
  trace?: Record<string, unknown> | null;
  clientMessageId?: string | null;
}

/**
 * Appends a message, moves its conversation's `last_seq` to it and appends its event, in one
 * statement (one round trip on the hottest path: every line of every chat); the event is
 * announced once the caller's transaction commits.
 */
export async function insertMessage(
  db: Executor,
  m: NewMessageInput,
  event: Omit<NewEvent, 'workspaceId' | 'conversationId'>,
): Promise<MessageRow> {
  const e: NewEvent = { ...event, workspaceId: m.workspaceId, conversationId: m.conversationId };
  const row = await db
    .with('advanced', (qb) =>
      qb.updateTable('conversations').set({ last_seq: m.seq, updated_at: new Date() }).where('id', '=', m.conversationId).returning('id'),
    )
    .with('event', (qb) => qb.insertInto('events').values(eventValues(e)).returning('id'))
    .insertInto('messages')
    .values({
      id: m.id,
      workspace_id: m.workspaceId,
      conversation_id: m.conversationId,
      seq: m.seq,
      author: m.author,
      agent_id: m.agentId ?? null,
      text: m.text,
      redacted_text: m.redactedText,
      internal: m.internal ?? false,
      citations: json(m.citations ?? []),
      trace: m.trace ? json(m.trace) : null,
      client_message_id: m.clientMessageId ?? null,
    })
    .returningAll()
    .returning((eb) => eb.selectFrom('event').select('event.id').as('event_id'))
    .executeTakeFirstOrThrow();
  const { event_id, ...message } = row;
  await announceEvent(db, String(event_id), e);
  return message;
}

/**
 * A stored message as the bot reads it for context (what the history needs, nothing more). From
 * a line's statement, `trace` holds only `action` and `decision.clarify`, and each citation only
 * its `articleId`.
 */
export type HistoryRow = Pick<MessageRow, 'author' | 'redacted_text' | 'trace' | 'citations'>;

/**
 * A customer's line without a transaction (the common case, one round trip): only if the
 * conversation still has the status and PII state it was read with, move its `last_seq`,
 * append the message with that number and its `message.created` event, in one statement (the
 * update locks the row, so concurrent lines still number one after the other). Undefined when
 * the conversation changed meanwhile: the caller takes the locked path. The statement commits
 * without waiting for the WAL flush, so the line is visible (and announced) at once; it is
 * durable only once `walFlushed` resolves, and the customer must not be answered before.
 *
 * With `history`, the same statement also returns the conversation's last `history` visible
 * messages before this line (the bot's context), or null when a line committed between the
 * caller's read (`lastSeq`) and this statement: the statement's snapshot may then miss it.
 *
 * Lines sent while one such statement is in flight go together in the next (one statement, one
 * commit for several conversations; decisions/0005), each with its own guard.
 *
 * With `line.answer` (the bot's plain answer, decided before the write on the context kept with
 * `read.version`), the same statement also appends the answer right after the line, under the
 * answer's guard too (the bot holds the conversation): one statement, one commit and one flush for
 * the customer's line and the bot's reply (decisions/0005, seventh pass).
 */
export async function appendCustomerLineIfUnchanged(
  db: Kysely<Schema>,
  read: {
    workspaceId: string;
    conversationId: string;
    status: ConversationStatus;
    piiState: string | null;
    lastSeq: number;
    /** The row version the caller knows (`xmin`): when given, the line is written only onto that version. */
    version?: string;
  },
  line: {
    id: string;
    text: string;
    piiState: string | null;
    clientMessageId: string | null;
    actor: { type: ActorType; id: string | null };
    /** The bot's answer to this line, written with it (only onto a known `read.version`). */
    answer?: BotReply & Pick<BotTurnTarget, 'language' | 'intent'>;
  },
  /** Runs once the row exists, before anyone hears of it (to keep it at hand for the realtime push). */
  written: (message: MessageRow, piiState: string | null) => void,
  history?: number,
): Promise<(Omit<AppendedReply, 'message'> & { message: MessageRow; reply: MessageRow | null; history: HistoryRow[] | null }) | undefined> {
  if (line.answer && read.version === undefined) throw new Error('an answer is written with its line only onto a known version');
  let batcher = lineBatchers.get(db);
  if (!batcher) lineBatchers.set(db, (batcher = new Coalescer((batch) => appendCustomerLines(db, batch), LINES_IN_FLIGHT)));
  const item: PendingLine = { read, line, written, history: history ?? null, result: undefined, reply: null };
  await batcher.add(item);
  if (item.error) throw item.error;
  const appended = item.result;
  if (!appended) return undefined;
  const { message } = appended;
  const rows = appended.history as HistoryRow[] | null;
  return { ...appended, reply: item.reply, history: rows && message.seq === read.lastSeq + 1 ? rows : null };
}

interface PendingLine {
  read: Parameters<typeof appendCustomerLineIfUnchanged>[1];
  line: Parameters<typeof appendCustomerLineIfUnchanged>[2];
  written: (message: MessageRow, piiState: string | null) => void;
  history: number | null;
  result: (AppendedReply & { history: unknown }) | undefined;
  /** The answer written with the line, when it was. */
  reply: MessageRow | null;
  /** This line's own failure, when its statement was tried again line by line. */
  error?: unknown;
}

const lineBatchers = new WeakMap<Kysely<Schema>, Coalescer<PendingLine>>();
/**
 * Line statements on the wire at once. With one, a line that comes while a statement is out
 * waits a whole round trip before its own (the median doubled at 200 lines/s); two keep that
 * wait rare while lines still share statements under load (decisions/0005, fourth pass).
 */
const LINES_IN_FLIGHT = 2;

/**
 * A batch's items in conversation order (with their place in the batch): every batch statement
 * locks its rows in that order, so two of them never wait on each other in a cycle.
 */
const inLockOrder = <T>(batch: T[], conversationOf: (item: T) => string) =>
  batch.map((item, ord) => ({ ord, item })).sort((a, b) => (conversationOf(a.item) < conversationOf(b.item) ? -1 : 1));

/**
 * A line sent again with an id its conversation already keeps (a sender's retry) fails the whole
 * statement, and with it every other line of the batch: those go again one by one, so only the
 * repeated line fails (and its sender is answered with the kept line, ConversationKernel.once).
 */
async function appendCustomerLines(db: Kysely<Schema>, batch: PendingLine[]): Promise<void> {
  try {
    await appendCustomerLinesTogether(db, batch);
  } catch (err) {
    if (batch.length === 1 || !isUniqueViolation(err)) throw err;
    for (const item of batch) await appendCustomerLinesTogether(db, [item]).catch((e: unknown) => (item.error = e));
  }
}

async function appendCustomerLinesTogether(db: Kysely<Schema>, batch: PendingLine[]): Promise<void> {
  const input = inLockOrder(batch, (b) => b.read.conversationId).map(({ ord, item: b }) => ({
    ord,
    workspace_id: b.read.workspaceId,
    conversation_id: b.read.conversationId,
    status: b.read.status,
    read_pii_state: b.read.piiState,
    pii_state: b.line.piiState,
    version: b.read.version ?? null,
    id: b.line.id,
    text: b.line.text,
    client_message_id: b.line.clientMessageId,
    actor_type: b.line.actor.type,
    actor_id: b.line.actor.id,
    history: b.history,
    reply_id: b.line.answer?.id ?? null,
    reply_text: b.line.answer?.text ?? null,
    reply_citations: b.line.answer?.citations ?? null,
    reply_trace: b.line.answer?.trace ?? null,
    language: b.line.answer?.language ?? null,
    intent: b.line.answer?.intent ?? null,
  }));
  await runBatch(
    db,
    sql<MessageRow & BatchColumns & { x_history: unknown }>`${PREPARED}
      with i as (
        select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as i(ord int, workspace_id uuid, conversation_id uuid,
          status text, read_pii_state text, pii_state text, version text, id uuid, text text, client_message_id text,
          actor_type text, actor_id text, history int, reply_id uuid, reply_text text, reply_citations jsonb, reply_trace jsonb,
          language text, intent text)
        where ${PLANNED_FOR_FEW}
      ), c as (
        -- A conversation named twice is updated once (the other line fails its guard and takes the locked path).
        -- A line with its answer moves last_seq by two and sets what the turn found (as appendBotReplies).
        update conversations set last_seq = conversations.last_seq + case when i.reply_id is null then 1 else 2 end,
          updated_at = ${UPDATED_NOW}, pii_state = i.pii_state,
          language = coalesce(i.language, conversations.language), intent = coalesce(i.intent, conversations.intent)
        from i
        -- The row by its primary key only (BY_KEY_FROM_BATCH); IS NOT DISTINCT FROM keeps the other checks
        -- out of the index conditions, so the planner never scans the workspace's part of conversations_list
        -- instead (it did without statistics: a young table, a new workspace).
        where ${BY_KEY_FROM_BATCH} and conversations.workspace_id is not distinct from i.workspace_id
          and conversations.status is not distinct from i.status and conversations.pii_state is not distinct from i.read_pii_state
          and (i.version is null or conversations.xmin = i.version::xid)
          -- The answer's own guard (appendBotReplies): the bot holds the conversation.
          and (i.reply_id is null or conversations.controller = 'bot')
        -- Committed without waiting for the disk: the caller acknowledges after walFlushed (decisions/0004).
        returning conversations.id, conversations.workspace_id, conversations.last_seq, conversations.language,
          conversations.intent, conversations.pii_state, conversations.xmin::text, i.ord, i.history,
          set_config('synchronous_commit', 'off', true)
      ), m as (
        insert into messages (id, workspace_id, conversation_id, seq, author, text, redacted_text, citations, trace, client_message_id)
        select i.id, c.workspace_id, c.id, c.last_seq - case when i.reply_id is null then 0 else 1 end, 'customer', i.text, i.text,
          '[]'::jsonb, null, i.client_message_id
        from c join i on i.ord = c.ord
        union all
        select i.reply_id, c.workspace_id, c.id, c.last_seq, 'bot', i.reply_text, i.reply_text, i.reply_citations, i.reply_trace, null
        from c join i on i.ord = c.ord where i.reply_id is not null
        -- Of an answer, not the text, citations and trace: the caller sent them (as appendBotReplies).
        returning id, workspace_id, conversation_id, seq, author, agent_id, internal, client_message_id, created_at,
          case when author = 'customer' then text end as text, case when author = 'customer' then redacted_text end as redacted_text,
          case when author = 'customer' then citations end as citations, case when author = 'customer' then trace end as trace
      ), e as (
        insert into events (workspace_id, conversation_id, type, actor_type, actor_id, data)
        select m.workspace_id, m.conversation_id, 'message.created',
          case when m.author = 'bot' then 'bot' else i.actor_type end, case when m.author = 'bot' then null else i.actor_id end,
          jsonb_build_object('message_id', m.id, 'seq', m.seq, 'internal', false)
        from m join i on i.id = m.id or i.reply_id = m.id
        returning id, data->>'message_id' as message_id
      )
      select m.*, e.id as event_id, c.ord, c.language as c_language, c.intent as c_intent, c.pii_state as c_pii_state, c.xmin as c_xmin,
        -- The bot's context, from the statement's snapshot: the new line itself is not in it.
        case when c.history is not null then
          -- Of a bot message's trace and citations only what the engine reads (HistoryRow): the
          -- whole of them made the statement's answer ~20 KB for a 12-message context.
          (select coalesce(jsonb_agg(jsonb_build_object('author', h.author, 'redacted_text', h.redacted_text,
              'trace', jsonb_build_object('action', h.trace->'action', 'decision', jsonb_build_object('clarify', h.trace->'decision'->'clarify')),
              'citations', (select coalesce(jsonb_agg(jsonb_build_object('articleId', c->'articleId')), '[]'::jsonb)
                from jsonb_array_elements(h.citations) c)) order by h.seq), '[]'::jsonb)
            from (select seq, author, redacted_text, trace, citations from messages
              where conversation_id = c.id and internal = false order by seq desc limit c.history) h)
        end as x_history,
        ${NOTIFY_MESSAGE_CREATED} as x_notified
      from m join c on c.id = m.conversation_id join e on e.message_id = m.id::text
      -- A line before its answer: the notices (sent after the sort) keep that order.
      order by c.ord, m.seq`,
    ({ x_history, ...row }) => {
      const item = batch[row.ord]!;
      const answer = row.author === 'bot' ? item.line.answer : undefined;
      if (answer) {
        const { text, citations, trace } = answer;
        item.reply = appendedOf({ ...row, text, redacted_text: text, citations, trace }, item.written).message;
        return item.reply;
      }
      const { message, result } = appendedOf(row, item.written);
      item.result = { ...result, history: x_history };
      return message;
    },
  );
}

/**
 * A batch's conversations, each found through the primary key. With a plain `id = i.conversation_id`
 * the planner, told a batch has 100 rows (jsonb_to_recordset's fixed estimate), hashed the whole
 * conversations table on every statement wherever it was small (a third of Postgres's time per
 * line in bench/realtime.ts --bot, more as updates bloat it). `= any(array[…])` can be neither
 * hashed nor merged.
 */
const BY_KEY_FROM_BATCH = sql`conversations.id = any(array[i.conversation_id])`;
/**
 * Always true (`ord` is the item's place in the batch), and the planner, having no statistics for
 * it, counts a two-sided range as 0.5% of the rows: it plans for one item, not 100. Planned for
 * 100, a nested loop over a materialised scan of every conversation the (stale) statistics called
 * few, e.g. the bot's, beat 100 index lookups; planned for one, the lookup wins.
 */
const PLANNED_FOR_FEW = sql`i.ord >= 0 and i.ord < 2147483647`;

/**
 * A conversation's `updated_at` after a line or an answer. While the bot holds it, a time less
 * than a minute old stays as it is: `updated_at` is in the inbox's index (conversations_list),
 * and an update that changes no indexed column can be heap-only, writing no index entries
 * (decisions/0005, sixth pass). The inbox and retention read it to the minute; a conversation a
 * person is on or waits for (queued, with an agent) moves at once.
 */
const UPDATED_NOW = sql`case when conversations.status = 'bot' and conversations.updated_at > now() - interval '1 minute'
  then conversations.updated_at else now() end`;

/**
 * Runs a batch statement (lines or answers) and hands each written row to `each`, which keeps
 * the caller's result and gives back the message. A deadlock with another node's batch writes
 * nothing: every item of the batch is left without a result and takes the locked path. The
 * statement sent the notices itself (NOTIFY_MESSAGE_CREATED); this node's observers hear of them here.
 */
async function runBatch<R extends BatchColumns>(db: Kysely<Schema>, statement: RawBuilder<R>, each: (row: R) => MessageRow): Promise<void> {
  let rows: R[];
  try {
    ({ rows } = await statement.execute(db));
  } catch (err) {
    if (sqlState(err) === '40P01') return;
    throw err;
  }
  announcedByStatement(
    db,
    rows.map((row) => noticeOf(String(row.event_id), each(row))),
  );
}

/** The columns a batch statement returns beside the message: its event, its place in the batch, the conversation after. */
interface BatchColumns {
  ord: number;
  event_id: string;
  c_language: string | null;
  c_intent: string | null;
  c_pii_state: string | null;
  c_xmin: string;
  x_notified: unknown;
}

/** A batch statement's row as the caller's result; `written` runs before anyone hears of the message. */
function appendedOf(
  { ord: _o, event_id: _e, c_language, c_intent, c_pii_state, c_xmin, x_notified: _n, ...message }: MessageRow & BatchColumns,
  written: (message: MessageRow, piiState: string | null) => void,
): { message: MessageRow; result: AppendedReply } {
  written(message, c_pii_state);
  return {
    message,
    result: { message, conversation: { language: c_language, intent: c_intent, pii_state: c_pii_state }, version: c_xmin },
  };
}

/**
 * The bot's plain answer without a transaction (one round trip): only if the bot still holds
 * the conversation and nothing was written since the line it answers (`triggerSeq`), set the
 * language and intent the turn found, move `last_seq`, append the reply and its event. Committed
 * without waiting for the flush like a customer's line (the caller answers after `walFlushed`).
 * Undefined when the guard fails: the caller takes the locked path, which decides what is left.
 *
 * Answers given while one such statement is in flight go together in the next (one statement,
 * one commit for several conversations); each keeps its own guard.
 */
export async function appendBotReplyIfCurrent(
  db: Kysely<Schema>,
  turn: BotTurnTarget,
  reply: BotReply,
  written: (message: MessageRow, piiState: string | null) => void,
): Promise<AppendedReply | undefined> {
  let batcher = replyBatchers.get(db);
  if (!batcher) replyBatchers.set(db, (batcher = new Coalescer((batch) => appendBotReplies(db, batch), ANSWERS_IN_FLIGHT)));
  const item: PendingReply = { turn, reply, written, result: undefined };
  await batcher.add(item);
  return item.result;
}

interface BotTurnTarget {
  workspaceId: string;
  conversationId: string;
  triggerSeq: number;
  /** The row version the caller kept, if any: the answer then also requires it (so the new version can be kept). */
  version?: string;
  language: string | null;
  intent: string | null;
}
/** The reply's columns its statement does not return: the caller has them. */
type SentBack = 'text' | 'redacted_text' | 'citations' | 'trace';

interface BotReply {
  id: string;
  text: string;
  citations: unknown[];
  trace: Record<string, unknown>;
}
type AppendedReply = {
  message: MessageRow;
  conversation: Pick<ConversationRow, 'language' | 'intent' | 'pii_state'>;
  /** The conversation row's new version (`xmin`). */
  version: string;
};
interface PendingReply {
  turn: BotTurnTarget;
  reply: BotReply;
  written: (message: MessageRow, piiState: string | null) => void;
  result: AppendedReply | undefined;
}

const replyBatchers = new WeakMap<Kysely<Schema>, Coalescer<PendingReply>>();
/**
 * Answer statements on the wire at once, for the same reason as lines (LINES_IN_FLIGHT): with one,
 * an answer that came while a statement was out waited a round trip (500 lines/s: p99 179-245 ms
 * with one, 120-140 ms with two; decisions/0005, sixth pass).
 */
const ANSWERS_IN_FLIGHT = 2;

async function appendBotReplies(db: Kysely<Schema>, batch: PendingReply[]): Promise<void> {
  const input = inLockOrder(batch, (b) => b.turn.conversationId).map(({ ord, item: b }) => ({
    ord,
    workspace_id: b.turn.workspaceId,
    conversation_id: b.turn.conversationId,
    trigger_seq: b.turn.triggerSeq,
    version: b.turn.version ?? null,
    language: b.turn.language,
    intent: b.turn.intent,
    id: b.reply.id,
    text: b.reply.text,
    citations: b.reply.citations,
    trace: b.reply.trace,
  }));
  await runBatch(
    db,
    sql<Omit<MessageRow, SentBack> & BatchColumns>`${PREPARED}
      with i as (
        select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as i(ord int, workspace_id uuid, conversation_id uuid,
          trigger_seq int, version text, language text, intent text, id uuid, text text, citations jsonb, trace jsonb)
        where ${PLANNED_FOR_FEW}
      ), c as (
        -- The same guard as the locked path's check; a conversation named twice is updated once (the other fails its guard).
        update conversations set last_seq = conversations.last_seq + 1, updated_at = ${UPDATED_NOW},
          language = coalesce(i.language, conversations.language), intent = coalesce(i.intent, conversations.intent)
        from i
        -- By primary key only (see appendCustomerLines).
        where ${BY_KEY_FROM_BATCH} and conversations.workspace_id is not distinct from i.workspace_id
          and conversations.controller = 'bot' and conversations.last_seq is not distinct from i.trigger_seq
          and (i.version is null or conversations.xmin = i.version::xid)
        -- Committed without waiting for the disk: the caller acknowledges after walFlushed (decisions/0004).
        returning conversations.id, conversations.workspace_id, conversations.last_seq, conversations.language,
          conversations.intent, conversations.pii_state, conversations.xmin::text, i.ord, set_config('synchronous_commit', 'off', true)
      ), m as (
        insert into messages (id, workspace_id, conversation_id, seq, author, text, redacted_text, citations, trace)
        select i.id, c.workspace_id, c.id, c.last_seq, 'bot', i.text, i.text, i.citations, i.trace
        from c join i on i.ord = c.ord
        -- Not the text, citations and trace: the caller sent them (a kilobyte or two of JSON per answer, built and parsed again).
        returning id, workspace_id, conversation_id, seq, author, agent_id, internal, client_message_id, created_at
      ), e as (
        insert into events (workspace_id, conversation_id, type, actor_type, actor_id, data)
        select m.workspace_id, m.conversation_id, 'message.created', 'bot', null,
          jsonb_build_object('message_id', m.id, 'seq', m.seq, 'internal', false)
        from m
        returning id, data->>'message_id' as message_id
      )
      select m.*, e.id as event_id, c.ord, c.language as c_language, c.intent as c_intent, c.pii_state as c_pii_state, c.xmin as c_xmin,
        ${NOTIFY_MESSAGE_CREATED} as x_notified
      from m join c on c.id = m.conversation_id join e on e.message_id = m.id::text`,
    (row) => {
      const item = batch[row.ord]!;
      const { text, citations, trace } = item.reply;
      const { message, result } = appendedOf({ ...row, text, redacted_text: text, citations, trace }, item.written);
      item.result = result;
      return message;
    },
  );
}

const noticeOf = (eventId: string, message: MessageRow) => ({
  channel: EVENTS_CHANNEL,
  payload: JSON.stringify(messageCreatedNotice(eventId, message)),
});

export function findMessage(db: Executor, workspaceId: string, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The customer line a sender gave this id of its own, if one was kept. */
export function findLineByClientId(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}

export function listMessages(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  opts: { includeInternal: boolean; afterSeq?: number; limit?: number },
): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId);
  if (!opts.includeInternal) q = q.where('internal', '=', false);
  if (opts.afterSeq !== undefined) q = q.where('seq', '>', opts.afterSeq);
  return q
    .orderBy('seq')
    .limit(opts.limit ?? 500)
    .execute();
}

/** The last messages of a conversation, oldest first: the bot's view of history. */
export async function recentMessages(db: Executor, conversationId: string, count: number): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('internal', '=', false)
    .orderBy('seq', 'desc')
    .limit(count)
    .execute();
  return rows.reverse();
}

/** How many lines the customer has written in a conversation (the 1-based turn of the latest). */
export async function countCustomerLines(db: Executor, conversationId: string): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('author', '=', 'customer')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
