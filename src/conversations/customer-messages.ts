import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { ClarifyKind, Decision, HandoffReason, HistoryTurn } from '../engine/types.ts';
import type { ConversationRow, MessageRow, Schema, WorkspaceRow } from '../db/schema.ts';
import * as conversations from '../db/repositories/conversations.ts';
import * as messages from '../db/repositories/messages.ts';
import { findWorkspace } from '../db/repositories/workspaces.ts';
import { walFlushed } from '../db/durability.ts';
import { readPolicy } from '../workspaces/policy.ts';
import { actorRef, type Actor } from './actor.ts';
import type { ConversationKernel, Tx } from './kernel.ts';
import type { BotSeat, HandoffPort } from './ports.ts';
import type { ActedTurn, LiveActions } from './actions-turn.ts';

const ACTION_FAILED = "I couldn't get that from our systems just now, so I'm passing you to a person who can check it for you.";

/** How many earlier messages the bot reads as context. */
const HISTORY_TURNS = 12;

export interface PostedMessage {
  message: MessageRow;
  /** What the bot said in reply, if it took a turn. */
  replies: MessageRow[];
  conversation: ConversationRow;
}

/**
 * What a customer does in a conversation: write a line (stored through the PII shield, pushed
 * after commit, answered by the bot while it holds the conversation) or ask for a person. The
 * handoff itself is src/handoff's, reached through the HandoffPort it is given.
 */
export class CustomerMessages {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly kernel: ConversationKernel,
    private readonly bot: BotSeat,
    private readonly handoffs: HandoffPort,
    /** The workspace's actions (tools and playbooks), offered each turn after the engine decided. */
    private readonly actions: LiveActions | null = null,
  ) {}

  /**
   * A customer writes: store it (reopening a resolved conversation), then let the bot take its
   * turn. With `clientMessageId`, the sender's own id for the line, sending it again returns
   * the line already kept (and what answered it) instead of storing a second copy.
   */
  postCustomerMessage(
    actor: Actor & { type: 'customer' },
    conversationId: string,
    text: string,
    clientMessageId?: string,
  ): Promise<PostedMessage> {
    return this.kernel.once(
      actor,
      conversationId,
      clientMessageId,
      'customer',
      () => this.storeCustomerMessage(actor, conversationId, text, clientMessageId ?? null),
      (kept) => this.repeatedLine(actor, conversationId, kept),
    );
  }

  private async storeCustomerMessage(
    actor: Actor & { type: 'customer' },
    conversationId: string,
    text: string,
    clientMessageId: string | null,
  ): Promise<PostedMessage> {
    const fast = await this.appendCustomerLine(actor, conversationId, text, clientMessageId);
    const { message, conversation } = fast ?? (await this.postCustomerMessageLocked(actor, conversationId, text, clientMessageId));
    // A line from the one-statement path is visible before it is durable (decisions/0004): the
    // bot may start on it while the disk flushes, but the customer hears back only after.
    const durable = fast ? walFlushed(this.db) : Promise.resolve();
    durable.catch(() => {}); // awaited below; until then a failure must not count as unhandled
    const posted =
      conversation.controller === 'bot' ? await this.botTurn(actor, conversation, message) : { message, replies: [], conversation };
    await durable;
    return posted;
  }

  /** The answer to a line sent again: the kept line with what followed it so far. */
  private async repeatedLine(actor: Actor & { type: 'customer' }, conversationId: string, message: MessageRow): Promise<PostedMessage> {
    const later = await messages.listMessages(this.db, actor.workspaceId, conversationId, {
      includeInternal: false,
      afterSeq: message.seq,
      limit: 50,
    });
    const next = later.findIndex((m) => m.author === 'customer');
    return {
      message,
      replies: next === -1 ? later : later.slice(0, next),
      conversation: await this.kernel.getForActor(actor, conversationId),
    };
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
    const shielded = this.kernel.privacy.redact(text, c.pii_state, { ...readPolicy(workspace_policy).pii, locale: c.language ?? 'en' });
    const message = await messages.appendCustomerLineIfUnchanged(
      this.db,
      { workspaceId: c.workspace_id, conversationId: c.id, status: c.status, piiState: c.pii_state },
      { id: randomUUID(), text: shielded.redacted, piiState: shielded.sealed, clientMessageId, actor: actorRef(actor) },
      (m) => this.kernel.written.remember(m, shielded.sealed),
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
    return this.kernel.run(actor, conversationId, async (tx, c, policy) => {
      let current = c;
      if (current.status === 'closed') throw new AppError('conversation_closed');
      if (current.status === 'resolved') current = await this.kernel.move(tx, actor, current, 'reopen');
      // Redacted before anything else sees it: the stored text, the bot, the logs, the events.
      const shielded = await this.kernel.shield(tx, current, policy, text);
      current = shielded.conversation;
      const message = await this.kernel.addMessage(tx, actor, current, { author: 'customer', text: shielded.text, clientMessageId });
      if (current.status === 'queued' || current.status === 'awaiting_customer')
        await this.handoffs.customerWroteWhileWaiting(tx, actor, current, message);
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
    const history = (await messages.recentMessages(this.db, conversation.id, HISTORY_TURNS + 1))
      .filter((m) => m.id !== trigger.id)
      .map(toHistoryTurn);
    const decision = await this.bot.decide(workspace, {
      text: trigger.redacted_text,
      history,
      policy: {
        confidenceThreshold: policy.confidenceThreshold,
        alwaysHumanIntents: policy.alwaysHumanIntents,
        alwaysHumanTopics: policy.alwaysHumanTopics,
        crisisMessage: policy.crisisMessage,
      },
      locale: conversation.language,
    });
    const acted = await this.actions?.offer(
      conversation,
      { text: trigger.redacted_text, history: history.map((h) => ({ role: h.role, text: h.text })), decision },
      { ...policy.pii, locale: conversation.language ?? 'en' },
    );
    const bot: Actor = { type: 'bot', id: null, workspaceId: conversation.workspace_id };
    return this.kernel.run(bot, conversation.id, async (tx, c) => {
      const holds = c.controller === 'bot' && c.last_seq === trigger.seq;
      if (acted) c = await this.actions!.write(tx, bot, c, acted, holds);
      if (!holds) return { message: trigger, replies: [], conversation: c };
      const patch = { language: decision.language || c.language, intent: decision.intent?.id ?? c.intent };
      const current = await conversations.updateConversation(tx, c.id, patch);
      if (acted?.result.handled) return this.actionReply(tx, bot, current, trigger, decision, acted);
      if (decision.action === 'handoff') {
        // An urgent handoff may carry words the customer must read first (crisis resources).
        const first = decision.text
          ? [
              await this.kernel.addMessage(tx, bot, current, {
                author: 'bot',
                text: decision.text,
                citations: [],
                trace: { action: 'handoff', confidence: decision.confidence, threshold: decision.threshold, ...decision.trace },
              }),
            ]
          : [];
        const result = await this.handoffs.start(tx, bot, current, decision.reasons, decision);
        return { message: trigger, replies: [...first, ...result.messages], conversation: result.conversation };
      }
      const reply = await this.kernel.addMessage(tx, bot, current, {
        author: 'bot',
        text: decision.text,
        citations: decision.citations,
        trace: { action: decision.action, confidence: decision.confidence, threshold: decision.threshold, ...decision.trace },
      });
      return { message: trigger, replies: [reply], conversation: current };
    });
  }

  /** The runner's reply in place of the engine's, and its handoff (a tool failed, another person's account) through the usual start. */
  private async actionReply(
    tx: Tx,
    bot: Actor,
    current: ConversationRow,
    trigger: MessageRow,
    decision: Decision,
    acted: ActedTurn,
  ): Promise<PostedMessage> {
    const { result } = acted;
    const trace = {
      action: result.handoff ? 'handoff' : 'answer',
      confidence: decision.confidence,
      threshold: decision.threshold,
      intent: decision.intent,
      actions: { calls: result.calls.map((r) => ({ name: r.name, kind: r.kind, ok: r.ok, summary: r.summary })) },
    };
    // A failed call the runner hands off without words: the customer hears why before the handoff notice.
    const text = result.reply || (result.handoff?.reason === 'action_failed' ? ACTION_FAILED : '');
    const replies = text ? [await this.kernel.addMessage(tx, bot, current, { author: 'bot', text, citations: [], trace })] : [];
    if (!result.handoff) return { message: trigger, replies, conversation: current };
    const reasons: HandoffReason[] = [result.handoff.reason];
    const handed = await this.handoffs.start(tx, bot, current, reasons, { ...decision, action: 'handoff', text: '', reasons });
    return { message: trigger, replies: [...replies, ...handed.messages], conversation: handed.conversation };
  }

  /** The customer asks for a person (the widget's button or the API). */
  async requestHuman(actor: Actor, conversationId: string): Promise<PostedMessage['replies']> {
    return this.kernel.run(actor, conversationId, async (tx, c) => {
      if (c.status !== 'bot') return []; // already with (or waiting for) a human: nothing to do
      const result = await this.handoffs.start(tx, actor, c, ['customer_requested'], null);
      return result.messages;
    });
  }
}

const toHistoryTurn = (m: MessageRow): HistoryTurn => {
  if (m.author === 'bot') {
    const trace = (m.trace ?? {}) as { action?: Decision['action']; decision?: { clarify?: ClarifyKind } };
    const articleIds = (m.citations as { articleId?: string }[]).map((c) => c.articleId).filter((id): id is string => !!id);
    const clarify = trace.decision?.clarify;
    return { role: 'bot', text: m.redacted_text, action: trace.action ?? 'answer', articleIds, ...(clarify ? { clarify } : {}) };
  }
  return { role: m.author === 'customer' ? 'customer' : 'agent', text: m.redacted_text };
};
