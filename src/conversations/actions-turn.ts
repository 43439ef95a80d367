import type { Kysely } from 'kysely';
import { redact, type PiiSettingsInput } from '../pii/index.ts';
import type { ActionTurnResult, VerifiedIdentity } from '../actions/types.ts';
import type { Decision } from '../engine/types.ts';
import type { ConversationRow, Schema } from '../db/schema.ts';
import { json } from '../db/repositories/executor.ts';
import { findCustomer, updateConversation } from '../db/repositories/conversations.ts';
import { countCustomerLines } from '../db/repositories/messages.ts';
import type { Actor } from './actor.ts';
import type { Tx } from './kernel.ts';
import type { ConversationPrivacy } from './privacy.ts';
import type { ActionsPort } from './ports.ts';
import { recordToolCall, shieldedCaller, shieldRecord, type VaultBox } from './tool-calls.ts';
import { ACCOUNT_TYPE, accountFields, tokeniseValue } from './tool-privacy.ts';

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
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly privacy: ConversationPrivacy,
    private readonly port: ActionsPort,
  ) {}

  /** Offers a turn to the runner; null when the workspace has no actions or the turn is not for them. */
  async offer(
    conversation: ConversationRow,
    turn: { text: string; history: Array<{ role: 'customer' | 'bot' | 'agent'; text: string }>; decision: Decision },
    settings: PiiSettingsInput,
  ): Promise<ActedTurn | null> {
    // Words a person in danger must read first are never replaced by a lookup.
    if (turn.decision.action === 'handoff' && (turn.decision.urgent || turn.decision.text)) return null;
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
    const reply = redact(result.reply, settings, box.vault);
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

  /** A customer the host page signed (customers.external_id) is verified; its id enters the vault as a token. */
  private async hostPageIdentity(conversation: ConversationRow, box: VaultBox): Promise<VerifiedIdentity | null> {
    const customer = await findCustomer(this.db, conversation.workspace_id, conversation.customer_id);
    if (!customer?.verified || !customer.external_id) return null;
    const t = tokeniseValue(customer.external_id, ACCOUNT_TYPE, box.vault);
    box.vault = t.state;
    return { id: t.token, via: 'host_page' };
  }
}
