import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors.ts';
import type { Decision, HandoffReason, HistoryTurn } from '../engine/types.ts';
import type { Author, ConversationRow, MessageRow, Schema, WorkspaceRow } from '../db/schema.ts';
import * as conversations from '../db/repositories/conversations.ts';
import * as messages from '../db/repositories/messages.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { findWorkspace } from '../db/repositories/workspaces.ts';
import { actorRef, type Actor } from './actor.ts';
import { transition, type LifecycleAction } from './lifecycle.ts';
import type { BotSeat, SlaTimers } from './ports.ts';
import type { ConversationPrivacy } from './privacy.ts';
import { startHandoff } from './handoff.ts';
import { onCustomerMessageWhileWaiting } from '../handoff/service.ts';
import { transaction, type TransactionOptions } from '../db/transaction.ts';
import { walFlushed } from '../db/durability.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { readPolicy, type Policy } from '../workspaces/policy.ts';
import { RecentMessages } from './recent-messages.ts';

type Tx = Transaction<Schema>;

/** How many earlier messages the bot reads as context. */
const HISTORY_TURNS = 12;

export interface PostedMessage {
  message: MessageRow;
  /** What the bot said in reply, if it took a turn. */
  replies: MessageRow[];
  conversation: ConversationRow;
}

/**
 * The conversation core: every change of a conversation goes through here, in one
 * transaction with its event, with the conversation row locked so control moves one at a time.
 */
export class ConversationService {
  /** Messages this process wrote lately, so its realtime hub can push them without reading them back. */
  readonly written = new RecentMessages();
  /** SLA timers, once the job queue that runs them is registered (handoff/routing/sla.ts). */
  slaTimers: SlaTimers | null = null;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly bot: BotSeat,
    readonly privacy: ConversationPrivacy,
  ) {}

  /**
   * Runs `fn` on the locked conversation, with its workspace's policy read in the same round
   * trip; "not found or no access" when it is not the actor's.
   */
  private async withConversation<T>(
    actor: Actor,
    conversationId: string,
    fn: (tx: Tx, c: ConversationRow, policy: Policy) => Promise<T>,
    opts?: TransactionOptions,
  ): Promise<T> {
    if (actor.type === 'customer' && actor.conversationId !== conversationId) throw new AppError('not_found');
    return transaction(this.db, async (tx) => {
      const locked = await conversations.conversationWithPolicy(tx, actor.workspaceId, conversationId, { lock: true });
      if (!locked) throw new AppError('not_found');
      const { workspace_policy, ...conversation } = locked;
      return fn(tx, conversation, readPolicy(workspace_policy));
    }, opts);
  }

  /** Applies a lifecycle move and records it; throws 409 when the move is illegal. */
  async move(
    tx: Tx,
    actor: Actor,
    conversation: ConversationRow,
    action: LifecycleAction,
    patch: Partial<Pick<ConversationRow, 'assignee_id' | 'team_id' | 'priority'>> = {},
    data: Record<string, unknown> = {},
  ): Promise<ConversationRow> {
    if (conversation.status === 'closed' && action !== 'close') throw new AppError('conversation_closed');
    const result = transition(conversation.status, action);
    if (!result.ok) {
      throw new AppError('illegal_transition', `Cannot ${action.replaceAll('_', ' ')} a conversation that is ${result.from}.`, {
        status: result.from,
        action,
        allowed_from: result.allowedFrom,
      });
    }
    const updated = await conversations.updateConversation(tx, conversation.id, {
      status: result.status,
      controller: result.controller,
      ...patch,
    });
    await appendEvent(tx, {
      workspaceId: conversation.workspace_id,
      conversationId: conversation.id,
      type: 'conversation.updated',
      actor: actorRef(actor),
      data: { action, from: conversation.status, to: result.status, ...data },
    });
    return updated;
  }

  /** Appends a message with the next sequence number and its event. */
  async addMessage(
    tx: Tx,
    actor: Actor,
    conversation: ConversationRow,
    m: { author: Author; text: string; redactedText?: string; internal?: boolean; citations?: unknown[]; trace?: Record<string, unknown> | null; clientMessageId?: string | null },
  ): Promise<MessageRow> {
    const seq = conversation.last_seq + 1;
    const id = randomUUID();
    const message = await messages.insertMessage(tx, {
      id,
      workspaceId: conversation.workspace_id,
      conversationId: conversation.id,
      seq,
      author: m.author,
      agentId: actor.type === 'agent' ? actor.id : null,
      text: m.text,
      redactedText: m.redactedText ?? m.text,
      internal: m.internal,
      citations: m.citations,
      trace: m.trace,
      clientMessageId: m.clientMessageId,
    }, { type: 'message.created', actor: actorRef(actor), data: { message_id: id, seq, internal: m.internal ?? false } });
    conversation.last_seq = seq;
    this.written.remember(message, conversation.pii_state);
    return message;
  }

  /**
   * A customer writes: store it (reopening a resolved conversation), then let the bot take its
   * turn. With `clientMessageId`, the sender's own id for the line, sending it again returns
   * the line already kept (and what answered it) instead of storing a second copy.
   */
  postCustomerMessage(actor: Actor & { type: 'customer' }, conversationId: string, text: string, clientMessageId?: string): Promise<PostedMessage> {
    return this.once(
      actor,
      conversationId,
      clientMessageId,
      'customer',
      () => this.storeCustomerMessage(actor, conversationId, text, clientMessageId ?? null),
      (kept) => this.repeatedLine(actor, conversationId, kept),
    );
  }

  /**
   * Stores a line at most once per sender's id: when `store` hits the id already kept in this
   * conversation, answers with `repeat` on the kept line instead (once that line is on disk).
   * A kept line by another author is a conflict, never returned.
   */
  async once<T>(
    actor: Actor,
    conversationId: string,
    clientMessageId: string | undefined,
    author: Author,
    store: () => Promise<T>,
    repeat: (kept: MessageRow) => Promise<T>,
  ): Promise<T> {
    try {
      return await store();
    } catch (err) {
      if (!clientMessageId || !isUniqueViolation(err, 'messages_client_message_id')) throw err;
      const kept = await messages.findLineByClientId(this.db, actor.workspaceId, conversationId, clientMessageId);
      if (!kept) throw err;
      if (kept.author !== author) throw new AppError('conflict', 'This client_message_id is already used in this conversation.');
      // The first send may still be waiting for the disk; this answer must not come sooner.
      await walFlushed(this.db);
      return repeat(kept);
    }
  }

  private async storeCustomerMessage(actor: Actor & { type: 'customer' }, conversationId: string, text: string, clientMessageId: string | null): Promise<PostedMessage> {
    const fast = await this.appendCustomerLine(actor, conversationId, text, clientMessageId);
    const { message, conversation } = fast ?? (await this.postCustomerMessageLocked(actor, conversationId, text, clientMessageId));
    // A line from the one-statement path is visible before it is durable (decisions/0004): the
    // bot may start on it while the disk flushes, but the customer hears back only after.
    const durable = fast ? walFlushed(this.db) : Promise.resolve();
    durable.catch(() => {}); // awaited below; until then a failure must not count as unhandled
    const posted = conversation.controller === 'bot' ? await this.botTurn(actor, conversation, message) : { message, replies: [], conversation };
    await durable;
    return posted;
  }

  /** The answer to a line sent again: the kept line with what followed it so far. */
  private async repeatedLine(actor: Actor & { type: 'customer' }, conversationId: string, message: MessageRow): Promise<PostedMessage> {
    const later = await messages.listMessages(this.db, actor.workspaceId, conversationId, { includeInternal: false, afterSeq: message.seq, limit: 50 });
    const next = later.findIndex((m) => m.author === 'customer');
    return { message, replies: next === -1 ? later : later.slice(0, next), conversation: await this.getForActor(actor, conversationId) };
  }

  /**
   * The common case in one statement, no transaction: the bot or an agent holds the
   * conversation and it does not change between the read and the write (the write checks).
   * Undefined when the locked path must run (another status, or a change meanwhile).
   */
  private async appendCustomerLine(
    actor: Actor & { type: 'customer' },
    conversationId: string,
    text: string,
    clientMessageId: string | null,
  ): Promise<Omit<PostedMessage, 'replies'> | undefined> {
    if (actor.conversationId !== conversationId) throw new AppError('not_found');
    const read = await conversations.conversationWithPolicy(this.db, actor.workspaceId, conversationId, { lock: false });
    if (!read) throw new AppError('not_found');
    const { workspace_policy, ...c } = read;
    if (c.status !== 'bot' && c.status !== 'with_agent') return undefined;
    const shielded = this.privacy.redact(text, c.pii_state, { ...readPolicy(workspace_policy).pii, locale: c.language ?? 'en' });
    const message = await messages.appendCustomerLineIfUnchanged(
      this.db,
      { workspaceId: c.workspace_id, conversationId: c.id, status: c.status, piiState: c.pii_state },
      { id: randomUUID(), text: shielded.redacted, piiState: shielded.sealed, clientMessageId, actor: actorRef(actor) },
      (m) => this.written.remember(m, shielded.sealed),
    );
    if (!message) return undefined;
    return { message, conversation: { ...c, last_seq: message.seq, pii_state: shielded.sealed, updated_at: message.created_at } };
  }

  private async postCustomerMessageLocked(
    actor: Actor & { type: 'customer' },
    conversationId: string,
    text: string,
    clientMessageId: string | null,
  ): Promise<Omit<PostedMessage, 'replies'>> {
    return this.withConversation(actor, conversationId, async (tx, c, policy) => {
      let current = c;
      if (current.status === 'closed') throw new AppError('conversation_closed');
      if (current.status === 'resolved') current = await this.move(tx, actor, current, 'reopen');
      // Redacted before anything else sees it: the stored text, the bot, the logs, the events.
      const shielded = this.privacy.redact(text, current.pii_state, { ...policy.pii, locale: current.language ?? 'en' });
      if (shielded.sealed !== current.pii_state) {
        current = await conversations.updateConversation(tx, current.id, { pii_state: shielded.sealed });
      }
      const message = await this.addMessage(tx, actor, current, { author: 'customer', text: shielded.redacted, clientMessageId });
      if (current.status === 'queued' || current.status === 'awaiting_customer') await onCustomerMessageWhileWaiting(this, tx, actor, current, message);
      return { message, conversation: current };
    });
  }

  /**
   * The bot's turn, outside any transaction (a model may take seconds); its result is written
   * only if the bot still holds the conversation and nothing newer arrived meanwhile.
   */
  private async botTurn(actor: Actor, conversation: ConversationRow, trigger: MessageRow): Promise<PostedMessage> {
    const workspace = (await findWorkspace(this.db, conversation.workspace_id)) as WorkspaceRow;
    const policy = readPolicy(workspace.policy);
    const history = await messages.recentMessages(this.db, conversation.id, HISTORY_TURNS + 1);
    const decision = await this.bot.decide(workspace, {
      text: trigger.redacted_text,
      history: history.filter((m) => m.id !== trigger.id).map(toHistoryTurn),
      policy: {
        confidenceThreshold: policy.confidenceThreshold,
        alwaysHumanIntents: policy.alwaysHumanIntents,
        alwaysHumanTopics: policy.alwaysHumanTopics,
        crisisMessage: policy.crisisMessage,
      },
      locale: conversation.language,
    });
    const bot: Actor = { type: 'bot', id: null, workspaceId: conversation.workspace_id };
    return this.withConversation(bot, conversation.id, async (tx, c) => {
      if (c.controller !== 'bot' || c.last_seq !== trigger.seq) return { message: trigger, replies: [], conversation: c };
      const patch = { language: decision.language || c.language, intent: decision.intent?.id ?? c.intent };
      const current = await conversations.updateConversation(tx, c.id, patch);
      if (decision.action === 'handoff') {
        // An urgent handoff may carry words the customer must read first (crisis resources).
        const first = decision.text
          ? [await this.addMessage(tx, bot, current, { author: 'bot', text: decision.text, citations: [], trace: { action: 'handoff', confidence: decision.confidence, threshold: decision.threshold, ...decision.trace } })]
          : [];
        const result = await startHandoff(this, tx, bot, current, decision.reasons, decision);
        return { message: trigger, replies: [...first, ...result.messages], conversation: result.conversation };
      }
      const reply = await this.addMessage(tx, bot, current, {
        author: 'bot',
        text: decision.text,
        citations: decision.citations,
        trace: { action: decision.action, confidence: decision.confidence, threshold: decision.threshold, ...decision.trace },
      });
      return { message: trigger, replies: [reply], conversation: current };
    });
  }

  /** The customer asks for a person (the widget's button or the API). */
  async requestHuman(actor: Actor, conversationId: string): Promise<PostedMessage['replies']> {
    return this.withConversation(actor, conversationId, async (tx, c) => {
      if (c.status !== 'bot') return []; // already with (or waiting for) a human: nothing to do
      const result = await startHandoff(this, tx, actor, c, ['customer_requested'], null);
      return result.messages;
    });
  }

  async getForActor(actor: Actor, conversationId: string): Promise<ConversationRow> {
    if (actor.type === 'customer' && actor.conversationId !== conversationId) throw new AppError('not_found');
    const c = await conversations.findConversation(this.db, actor.workspaceId, conversationId);
    if (!c) throw new AppError('not_found');
    return c;
  }

  run<T>(actor: Actor, conversationId: string, fn: (tx: Tx, c: ConversationRow, policy: Policy) => Promise<T>, opts?: TransactionOptions): Promise<T> {
    return this.withConversation(actor, conversationId, fn, opts);
  }
}

const toHistoryTurn = (m: MessageRow): HistoryTurn => {
  if (m.author === 'bot') {
    const trace = (m.trace ?? {}) as { action?: Decision['action'] };
    const articleIds = (m.citations as { articleId?: string }[]).map((c) => c.articleId).filter((id): id is string => !!id);
    return { role: 'bot', text: m.redacted_text, action: trace.action ?? 'answer', articleIds };
  }
  return { role: m.author === 'customer' ? 'customer' : 'agent', text: m.redacted_text };
};

export type { HandoffReason };
