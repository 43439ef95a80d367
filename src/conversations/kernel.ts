import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors.ts';
import type { Author, ConversationRow, MessageRow, Schema } from '../db/schema.ts';
import * as conversations from '../db/repositories/conversations.ts';
import * as messages from '../db/repositories/messages.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { actorRef, type Actor } from './actor.ts';
import { transition, type LifecycleAction } from './lifecycle.ts';
import type { ConversationPrivacy } from './privacy.ts';
import { transaction, type TransactionOptions } from '../db/transaction.ts';
import { walFlushed } from '../db/durability.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { readPolicy, type Policy } from '../workspaces/policy.ts';
import { RecentMessages } from './recent-messages.ts';

export type Tx = Transaction<Schema>;

/**
 * The conversation kernel: every change of a conversation goes through here, in one
 * transaction with its event, with the conversation row locked so control moves one at a time.
 * It knows nothing of the bot or of handoffs: those flows (customer-messages.ts, src/handoff/)
 * are built on `run`, `move`, `addMessage` and `once`.
 */
export class ConversationKernel {
  /** Messages this process wrote lately, so its realtime hub can push them without reading them back. */
  readonly written = new RecentMessages();

  constructor(
    private readonly db: Kysely<Schema>,
    readonly privacy: ConversationPrivacy,
  ) {}

  /**
   * Runs `fn` on the locked conversation, with its workspace's policy read in the same round
   * trip; "not found or no access" when it is not the actor's.
   */
  run<T>(
    actor: Actor,
    conversationId: string,
    fn: (tx: Tx, c: ConversationRow, policy: Policy) => Promise<T>,
    opts?: TransactionOptions,
  ): Promise<T> {
    if (actor.type === 'customer' && actor.conversationId !== conversationId) throw new AppError('not_found');
    return transaction(
      this.db,
      async (tx) => {
        const locked = await conversations.conversationWithPolicy(tx, actor.workspaceId, conversationId, { lock: true });
        if (!locked) throw new AppError('not_found');
        const { workspace_policy, ...conversation } = locked;
        return fn(tx, conversation, readPolicy(workspace_policy));
      },
      opts,
    );
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

  /**
   * The PII shield for any author's words, by the workspace's policy: the text comes back with
   * tokens, and the conversation with the sealed values if new ones were found. Whoever writes
   * (customer, agent, internal note), staff views, events, webhooks and helpdesks see tokens.
   */
  async shield(
    tx: Tx,
    conversation: ConversationRow,
    policy: Policy,
    text: string,
  ): Promise<{ text: string; conversation: ConversationRow }> {
    const shielded = this.privacy.redact(text, conversation.pii_state, { ...policy.pii, locale: conversation.language ?? 'en' });
    if (shielded.sealed === conversation.pii_state) return { text: shielded.redacted, conversation };
    return {
      text: shielded.redacted,
      conversation: await conversations.updateConversation(tx, conversation.id, { pii_state: shielded.sealed }),
    };
  }

  /** Appends a message with the next sequence number and its event. */
  async addMessage(
    tx: Tx,
    actor: Actor,
    conversation: ConversationRow,
    m: {
      author: Author;
      text: string;
      redactedText?: string;
      internal?: boolean;
      citations?: unknown[];
      trace?: Record<string, unknown> | null;
      clientMessageId?: string | null;
    },
  ): Promise<MessageRow> {
    const seq = conversation.last_seq + 1;
    const id = randomUUID();
    const message = await messages.insertMessage(
      tx,
      {
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
      },
      { type: 'message.created', actor: actorRef(actor), data: { message_id: id, seq, internal: m.internal ?? false } },
    );
    conversation.last_seq = seq;
    this.written.remember(message, conversation.pii_state);
    return message;
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

  async getForActor(actor: Actor, conversationId: string): Promise<ConversationRow> {
    if (actor.type === 'customer' && actor.conversationId !== conversationId) throw new AppError('not_found');
    const c = await conversations.findConversation(this.db, actor.workspaceId, conversationId);
    if (!c) throw new AppError('not_found');
    return c;
  }
}
