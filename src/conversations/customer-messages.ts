import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { clarifyOf, type Decision, type HandoffReason, type HistoryTurn } from '../engine/types.ts';
import type { ConversationRow, MessageRow, Schema } from '../db/schema.ts';
import * as conversations from '../db/repositories/conversations.ts';
import * as messages from '../db/repositories/messages.ts';
import type { HistoryRow } from '../db/repositories/messages.ts';
import { walFlushed } from '../db/durability.ts';
import { readPolicy, type Policy } from '../workspaces/policy.ts';
import { actorRef, type Actor } from './actor.ts';
import type { ConversationKernel, Tx } from './kernel.ts';
import type { BotSeat, HandoffPort } from './ports.ts';
import type { ActedTurn, LiveActions } from './actions-turn.ts';
import { KeptConversations, type KeptConversation } from './kept-conversations.ts';

const ACTION_FAILED = "I couldn't get that from our systems just now, so I'm passing you to a person who can check it for you.";

/** How many earlier messages the bot reads as context. */
const HISTORY_TURNS = 12;

/**
 * How long a line onto a kept conversation waits for the bot's turn before it is written alone.
 * The embedded engine decides in about a millisecond: the line and its plain answer then go in
 * one statement (decisions/0005, seventh pass). Under load the engine thread's round trip takes
 * tens of milliseconds (a shorter wait sent most lines alone exactly when sharing mattered); a
 * turn that takes longer still (a model writing the answer) must not keep the line from the
 * inbox for its whole length.
 */
const TURN_AHEAD_MS = 250;

/** A customer's line as stored, with what the bot's turn needs from the same reads. */
interface StoredLine {
  message: MessageRow;
  conversation: ConversationRow;
  /** The workspace's policy, read with the conversation. */
  policy: Policy;
  /** The bot's context (kept by this node, or returned by the line's statement); otherwise read in the turn. */
  context?: HistoryTurn[] | null;
  /** The row as this node kept it after the line (one-statement path only), for the answer to keep in turn. */
  kept?: KeptConversation;
  /** The bot's turn on this line, begun before the write on the kept context. */
  decision?: Promise<Decision>;
  /** The bot's answer, written in the line's statement. */
  replies?: MessageRow[];
}

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
  /** The conversations this node last wrote in: their next line needs no read (kept-conversations.ts). */
  readonly kept = new KeptConversations();

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
    const stored = fast ?? (await this.postCustomerMessageLocked(actor, conversationId, text, clientMessageId));
    const { message, conversation, replies } = stored;
    const posted = replies
      ? { message, replies, conversation }
      : conversation.controller === 'bot'
        ? await this.botTurn(stored)
        : { message, replies: [], conversation };
    // A line from the one-statement path is visible before it is durable (decisions/0004): the
    // customer hears back only once it is on disk. A plain answer has already waited for a flush
    // that began after its own commit, which covers the line too: one flush per answered line.
    if (fast && !('flushed' in posted)) await walFlushed(this.db);
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
  ): Promise<StoredLine | undefined> {
    if (actor.conversationId !== conversationId) throw new AppError('not_found');
    // The row this node left after the conversation's last line: written onto only if it is still that version.
    const kept = this.kept.get(actor.workspaceId, conversationId);
    if (kept) {
      const line = await this.appendOnto(actor, kept, text, clientMessageId, this.kept.mark());
      if (line) return line;
      this.kept.drop(conversationId);
    }
    const since = this.kept.mark();
    const policyAt = Date.now();
    const read = await conversations.conversationWithPolicy(this.db, actor.workspaceId, conversationId, { lock: false });
    if (!read) throw new AppError('not_found');
    const { workspace_policy, ...row } = read;
    return this.appendOnto(actor, { row, policy: readPolicy(workspace_policy), policyAt }, text, clientMessageId, since);
  }

  /** The line onto the conversation as read (or as kept, then only onto that version); undefined when it changed. */
  private async appendOnto(
    actor: Actor & { type: 'customer' },
    from: Omit<KeptConversation, 'version'> & { version?: string },
    text: string,
    clientMessageId: string | null,
    since: number,
  ): Promise<StoredLine | undefined> {
    const { row: c, policy } = from;
    // Onto the kept version, the context kept with it is the database's: any message since would have changed the row.
    const known = c.controller === 'bot' && from.version !== undefined ? from.context : undefined;
    if (c.status !== 'bot' && c.status !== 'with_agent') return undefined;
    const shielded = this.kernel.privacy.redact(text, c.pii_state, { ...policy.pii, locale: c.language ?? 'en' });
    const ahead = known ? await this.turnAhead(c, policy, shielded.redacted, known) : undefined;
    const answer = ahead?.answer;
    const appended = await this.kernel.written.during(
      c.id,
      messages.appendCustomerLineIfUnchanged(
        this.db,
        {
          workspaceId: c.workspace_id,
          conversationId: c.id,
          status: c.status,
          piiState: c.pii_state,
          lastSeq: c.last_seq,
          version: from.version,
        },
        {
          id: randomUUID(),
          text: shielded.redacted,
          piiState: shielded.sealed,
          clientMessageId,
          actor: actorRef(actor),
          answer: answer && { ...replyOf(answer), ...turnFound(answer) },
        },
        (m, sealed) => this.kernel.written.remember(m, sealed),
        // Otherwise the bot's context comes back with the line: no read of its own in the turn.
        c.controller === 'bot' && !known ? HISTORY_TURNS : undefined,
      ),
    );
    // Written onto another version (or not at all): a turn begun on the kept context is not for it.
    if (!appended) return undefined;
    const { message, history, reply } = appended;
    const context = known ?? history?.map(toHistoryTurn) ?? null;
    const line = { ...c, last_seq: message.seq, pii_state: shielded.sealed, updated_at: message.created_at };
    const conversation = reply ? { ...line, ...appended.conversation, last_seq: reply.seq, updated_at: reply.created_at } : line;
    const after = reply ? followedBy(followedBy(context, message), reply) : followedBy(context, message);
    const kept = { row: conversation, version: appended.version, policy, policyAt: from.policyAt, context: after };
    this.kept.keep(kept, since);
    return { message, conversation, policy, context, kept, decision: ahead?.pending, replies: reply ? [reply] : undefined };
  }

  /**
   * The bot's turn on a line before it is written, on the context kept with the conversation
   * (the database's, as long as the line lands on the kept version). `answer` when it decided
   * within TURN_AHEAD_MS on a plain answer that the workspace's actions need not see: the line's
   * statement then writes it too. Otherwise the line goes alone and the turn goes on (`pending`).
   */
  private async turnAhead(
    conversation: ConversationRow,
    policy: Policy,
    text: string,
    context: HistoryTurn[],
  ): Promise<{ pending: Promise<Decision>; answer?: Decision }> {
    const pending = this.decide(conversation, policy, text, context);
    const ready = await within(pending, TURN_AHEAD_MS);
    // The actions run only after the line is stored (they may change things at the company).
    if (!ready || ready.action === 'handoff' || (await this.actions?.available(conversation.workspace_id))) return { pending };
    return { pending, answer: ready };
  }

  private decide(conversation: ConversationRow, policy: Policy, text: string, history: HistoryTurn[]): Promise<Decision> {
    return this.bot.decide(conversation.workspace_id, {
      text,
      history,
      policy: {
        confidenceThreshold: policy.confidenceThreshold,
        alwaysHumanIntents: policy.alwaysHumanIntents,
        alwaysHumanTopics: policy.alwaysHumanTopics,
        crisisMessage: policy.crisisMessage,
        dangerMessage: policy.dangerMessage,
      },
      locale: conversation.language,
    });
  }

  private async postCustomerMessageLocked(
    actor: Actor & { type: 'customer' },
    conversationId: string,
    text: string,
    clientMessageId: string | null,
  ): Promise<StoredLine> {
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
      return { message, conversation: current, policy };
    });
  }

  /**
   * The bot's turn, outside any transaction (a model may take seconds); its result is written
   * only if the bot still holds the conversation and nothing newer arrived meanwhile. A plain
   * answer is one statement (decisions/0005); a handoff, or a turn the actions took, runs locked.
   */
  private async botTurn({ message: trigger, conversation, policy, context, kept, decision: begun }: StoredLine): Promise<PostedMessage> {
    const history =
      context ??
      (await messages.recentMessages(this.db, conversation.id, HISTORY_TURNS + 1)).filter((m) => m.id !== trigger.id).map(toHistoryTurn);
    const decision = await (begun ?? this.decide(conversation, policy, trigger.redacted_text, history));
    const acted = await this.actions?.offer(
      conversation,
      { text: trigger.redacted_text, history: history.map((h) => ({ role: h.role, text: h.text })), decision },
      { ...policy.pii, locale: conversation.language ?? 'en' },
    );
    if (!acted && decision.action !== 'handoff') {
      const answered = await this.answer(conversation, trigger, decision, kept);
      if (answered) return answered;
    }
    return this.lockedTurn(conversation, trigger, decision, acted ?? null);
  }

  /**
   * A plain answer in one statement, guarded like the locked path's check (the bot holds the
   * conversation, nothing after the trigger). Visible at once; the customer is answered once
   * it is on disk, one flush shared with the lines in flight (decisions/0004). Undefined when
   * the guard failed: the locked path then decides what is left to do.
   */
  private async answer(
    conversation: ConversationRow,
    trigger: MessageRow,
    decision: Decision,
    kept: KeptConversation | undefined,
  ): Promise<(PostedMessage & { flushed: true }) | undefined> {
    const since = this.kept.mark();
    const appended = await this.kernel.written.during(
      conversation.id,
      messages.appendBotReplyIfCurrent(
        this.db,
        {
          workspaceId: conversation.workspace_id,
          conversationId: conversation.id,
          triggerSeq: trigger.seq,
          // Onto the version the line left, when this node kept it: then the new one can be kept too.
          version: kept?.version,
          ...turnFound(decision),
        },
        replyOf(decision),
        (m, sealed) => this.kernel.written.remember(m, sealed),
      ),
    );
    if (!appended) return undefined;
    const { message: reply } = appended;
    const current = { ...conversation, ...appended.conversation, last_seq: reply.seq, updated_at: reply.created_at };
    if (kept) this.kept.keep({ ...kept, row: current, version: appended.version, context: followedBy(kept.context, reply) }, since);
    await walFlushed(this.db);
    return { message: trigger, replies: [reply], conversation: current, flushed: true };
  }

  /** The turn's writes on the locked conversation: handoffs (they enqueue jobs: durable commit) and actions. */
  private lockedTurn(
    conversation: ConversationRow,
    trigger: MessageRow,
    decision: Decision,
    acted: ActedTurn | null,
  ): Promise<PostedMessage> {
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
                trace: replyTrace(decision),
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
        trace: replyTrace(decision),
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

/** The bot's plain answer as its statement writes it. */
const replyOf = (d: Decision) => ({ id: randomUUID(), text: d.text, citations: d.citations, trace: replyTrace(d) });
/** What the turn found that the answer's statement sets on the conversation (nothing found: kept as it was). */
const turnFound = (d: Decision) => ({ language: d.language || null, intent: d.intent?.id ?? null });

/** The promise's value if it settles within `ms`, otherwise undefined (it goes on). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** What a bot message keeps of the decision behind it (the history's and the inbox's view). */
const replyTrace = (d: Decision): Record<string, unknown> => ({
  action: d.action,
  confidence: d.confidence,
  threshold: d.threshold,
  ...d.trace,
  ...(d.options?.length ? { options: d.options } : {}),
});

export const toHistoryTurn = (m: HistoryRow): HistoryTurn => {
  if (m.author === 'bot') {
    const trace = (m.trace ?? {}) as { action?: Decision['action'] };
    const articleIds = (m.citations as { articleId?: string }[]).map((c) => c.articleId).filter((id): id is string => !!id);
    const clarify = clarifyOf({ trace: m.trace ?? {} });
    return { role: 'bot', text: m.redacted_text, action: trace.action ?? 'answer', articleIds, ...(clarify ? { clarify } : {}) };
  }
  return { role: m.author === 'customer' ? 'customer' : 'agent', text: m.redacted_text };
};

/** The bot's context after `message` was written onto `context` (unknown stays unknown). */
const followedBy = (context: HistoryTurn[] | null | undefined, message: HistoryRow): HistoryTurn[] | undefined =>
  context ? [...context, toHistoryTurn(message)].slice(-HISTORY_TURNS) : undefined;
