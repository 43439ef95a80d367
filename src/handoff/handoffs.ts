import type { Decision, HandoffReason } from '../engine/types.ts';
import type { ConversationRow, MessageRow } from '../db/schema.ts';
import type { Actor } from '../conversations/actor.ts';
import type { ConversationKernel, Tx } from '../conversations/kernel.ts';
import type { HandoffPort } from '../conversations/ports.ts';
import { startHandoff } from './start.ts';
import { customerWroteWhileWaiting } from './waiting.ts';
import { overflowHandoff } from './routing/overflow.ts';
import type { SlaPayload, SlaTimer } from './routing/sla.ts';

/**
 * The handoff service: start (brief, routing, the move, the SLA timer), a customer writing
 * while they wait, and the SLA overflow. Built on the conversation kernel; the SLA timer is
 * given here by the composition root (src/app), never set afterwards.
 */
export class Handoffs implements HandoffPort {
  constructor(
    private readonly kernel: ConversationKernel,
    private readonly sla: SlaTimer | null,
  ) {}

  start(
    tx: Tx,
    actor: Actor,
    conversation: ConversationRow,
    reasons: HandoffReason[],
    decision: Decision | null,
  ): Promise<{ conversation: ConversationRow; messages: MessageRow[] }> {
    return startHandoff(this.kernel, this.sla, tx, actor, conversation, reasons, decision);
  }

  customerWroteWhileWaiting(tx: Tx, actor: Actor, conversation: ConversationRow, message: MessageRow): Promise<void> {
    return customerWroteWhileWaiting(this.kernel, tx, actor, conversation, message);
  }

  overflow(p: SlaPayload): Promise<void> {
    return overflowHandoff(this.kernel, this.sla, p);
  }
}
