import type { Kysely } from 'kysely';
import { redact, type PiiSettingsInput } from '../pii/index.ts';
import type { ActionTurnResult, ToolCallRecord, ToolOutcome, VerifiedIdentity } from '../actions/types.ts';
import type { ActionsConfig, Step } from '../actions/config.ts';
import { fill } from '../actions/playbooks/template.ts';
import { guardedCaller } from '../actions/guard.ts';
import { AppError } from '../errors.ts';
import { findWorkspace } from '../db/repositories/workspaces.ts';
import { readPolicy } from '../workspaces/policy.ts';
import { decisionForActions, type Decision, type HandoffReason } from '../engine/types.ts';
import type { ConversationRow, Schema } from '../db/schema.ts';
import { json } from '../db/repositories/executor.ts';
import { findCustomer, updateConversation } from '../db/repositories/conversations.ts';
import { countCustomerLines } from '../db/repositories/messages.ts';
import type { Actor } from './actor.ts';

type StaffActor = Actor & { type: 'agent' | 'api_key' };
import type { ConversationKernel, Tx } from './kernel.ts';
import type { ConversationPrivacy } from './privacy.ts';
import type { ActionsPort } from './ports.ts';
import { recordToolCall, shieldedCaller, shieldRecord, type VaultBox } from './tool-calls.ts';
import { ACCOUNT_TYPE, accountFields, freeTextSettings, tokeniseValue } from './tool-privacy.ts';

const STANDING = new Set<HandoffReason>(['customer_requested', 'sensitive_topic', 'policy']);

/** A turn the actions runner took, ready to be written (with the vault its calls added to). */
export interface ActedTurn {
  result: ActionTurnResult;
  /** The sealed token state the turn started from, and the one to store. */
  from: string | null;
  sealed: string | null;
}

/**
 * Actions in a live conversation: after the engine decided, the workspace's playbook runner is
 * offered the turn with the conversation's stored state and verified identity. The runner and
 * everything after it see tokens only; see tool-calls.ts for the two crossings of the shield.
 */
export class LiveActions {
  private readonly privacy: ConversationPrivacy;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly kernel: ConversationKernel,
    private readonly port: ActionsPort,
  ) {
    this.privacy = kernel.privacy;
  }

  /** Whether the workspace has actions a turn could be offered to (the port keeps them per node). */
  async available(workspaceId: string): Promise<boolean> {
    return (await this.port.forWorkspace(workspaceId)) !== null;
  }

  /** Offers a turn to the runner; null when the workspace has no actions or the turn is not for them. */
  async offer(
    conversation: ConversationRow,
    turn: { text: string; history: Array<{ role: 'customer' | 'bot' | 'agent'; text: string }>; decision: Decision },
    settings: PiiSettingsInput,
  ): Promise<ActedTurn | null> {
    // A person asked for, a sensitive topic, the workspace's always-human rules, words a person
    // in danger must read first: those handoffs stand, whatever playbook is in progress.
    const d = turn.decision;
    if (d.action === 'handoff' && (d.urgent || d.text || d.reasons.some((r) => STANDING.has(r)))) return null;
    const actions = await this.port.forWorkspace(conversation.workspace_id);
    if (!actions) return null;
    const opened = this.privacy.open(conversation.pii_state);
    const box: VaultBox = { vault: opened };
    const identity = (conversation.action_identity as VerifiedIdentity | null) ?? (await this.hostPageIdentity(conversation, box));
    const result = await actions.run({
      text: turn.text,
      history: turn.history,
      intent: turn.decision.intent ? { id: turn.decision.intent.id, confidence: turn.decision.intent.confidence } : null,
      threshold: turn.decision.threshold,
      decision: decisionForActions(d),
      state: conversation.action_state,
      identity,
      turn: await countCustomerLines(this.db, conversation.id),
      call: shieldedCaller(actions.call, box, settings),
    });
    const byName = new Map(actions.config.tools.map((t) => [t.name, t]));
    const calls = result.calls.map((r) => {
      const tool = byName.get(r.name);
      return shieldRecord(r, box, settings, tool ? accountFields(tool) : ['user_id']);
    });
    const reply = redact(result.reply, freeTextSettings(settings), box.vault);
    box.vault = reply.state;
    const changed = JSON.stringify(box.vault.values) !== JSON.stringify(opened.values);
    return {
      result: { ...result, calls, reply: reply.redacted, identity: result.identity ?? identity },
      from: conversation.pii_state,
      sealed: changed ? this.privacy.seal(box.vault) : conversation.pii_state,
    };
  }

  /**
   * Writes what the runner did, in the bot's transaction: every call recorded (always: a write
   * happened at the company whatever became of the reply), and, while the bot still holds the
   * conversation, its state, identity and vault.
   */
  async write(tx: Tx, bot: Actor, c: ConversationRow, acted: ActedTurn, current: boolean): Promise<ConversationRow> {
    let conversation = c;
    // A vault changed meanwhile (an agent's note) is kept: tokens of this turn then stay as they are.
    if (current && c.pii_state === acted.from) {
      conversation = await updateConversation(tx, c.id, {
        action_state: acted.result.state ? json(acted.result.state) : null,
        action_identity: acted.result.identity ? json(acted.result.identity) : null,
        pii_state: acted.sealed,
      });
    }
    for (const call of acted.result.calls) await recordToolCall(tx, bot, conversation, call);
    return conversation;
  }

  /**
   * An agent re-runs a read tool from the workspace (the brief's calls): writes are refused
   * (changes go through the customer's yes), account tools run only for the conversation's
   * verified customer, and the call is recorded like the bot's. Arguments may hold tokens.
   */
  async rerun(actor: StaffActor, conversationId: string, name: string, args: Record<string, unknown>): Promise<ToolCallRecord> {
    const conversation = await this.kernel.getForActor(actor, conversationId);
    const actions = await this.port.forWorkspace(conversation.workspace_id);
    const tool = actions?.config.tools.find((t) => t.name === name);
    if (!actions || !tool) throw new AppError('not_found', `This workspace has no tool named ${name}.`);
    if (tool.kind !== 'read')
      throw new AppError('forbidden', 'Only read tools can be re-run from the workspace: changes need the customer’s yes.');
    const workspace = await findWorkspace(this.db, conversation.workspace_id);
    const settings = { ...readPolicy(workspace?.policy).pii, locale: conversation.language ?? 'en' };
    const box: VaultBox = { vault: this.privacy.open(conversation.pii_state) };
    const identity = (conversation.action_identity as VerifiedIdentity | null) ?? (await this.hostPageIdentity(conversation, box));
    const turn = await countCustomerLines(this.db, conversation.id);
    const call = guardedCaller(shieldedCaller(actions.call, box, settings), {
      identity,
      pending: null,
      answer: null,
      turn,
      maxCallsPerTurn: 1,
    });
    const outcome = await call(tool, args);
    const record = shieldRecord(
      {
        name,
        kind: 'read',
        args,
        turn,
        ok: outcome.ok,
        status: outcome.ok ? outcome.status : outcome.status,
        error: outcome.ok ? undefined : `${outcome.error}: ${outcome.message}`,
        durationMs: outcome.durationMs,
        result: outcome.ok ? outcome.data : undefined,
        summary: rerunSummary(actions.config, name, args, outcome),
      },
      box,
      settings,
      accountFields(tool),
    );
    const opened = conversation.pii_state;
    await this.kernel.run(actor, conversationId, async (tx, c) => {
      // The result's new tokens join the vault unless it changed meanwhile (then they stay tokens only).
      if (c.pii_state === opened && JSON.stringify(box.vault.values) !== JSON.stringify(this.privacy.open(opened).values))
        c = await updateConversation(tx, c.id, { pii_state: this.privacy.seal(box.vault) });
      await recordToolCall(tx, actor, c, record);
    });
    return record;
  }

  /** A customer the host page signed (customers.external_id) is verified; its id enters the vault as a token. */
  private async hostPageIdentity(conversation: ConversationRow, box: VaultBox): Promise<VerifiedIdentity | null> {
    const customer = await findCustomer(this.db, conversation.workspace_id, conversation.customer_id);
    if (!customer?.verified || !customer.external_id) return null;
    const t = tokeniseValue(customer.external_id, ACCOUNT_TYPE, box.vault);
    box.vault = t.state;
    return { id: t.token, via: 'host_page' };
  }
}

/** The call in words: the playbooks' own summary of this tool, filled from the result, else its name and outcome. */
function rerunSummary(config: ActionsConfig, name: string, args: Record<string, unknown>, outcome: ToolOutcome): string {
  if (!outcome.ok) return `An agent re-ran ${name}: it failed (${outcome.error}${outcome.status ? ` ${outcome.status}` : ''})`;
  const step = config.playbooks
    .flatMap((p) => p.steps)
    .find((s): s is Extract<Step, { do: 'call' }> => s.do === 'call' && s.tool === name && !!s.summary);
  return step?.summary ? `An agent re-ran it: ${fill(step.summary, { ...args, result: outcome.data, args })}` : `An agent re-ran ${name}`;
}
