import type { ConversationStatus, Controller } from '../db/schema.ts';

// The control lifecycle (design.md): exactly one controller at a time. This table is the
// only place that says which move is legal from which status; the service enforces it.
export type LifecycleAction =
  'handoff' | 'accept' | 'assign_agent' | 'transfer_team' | 'return_to_bot' | 'await_customer' | 'resolve' | 'close' | 'reopen';

const OPEN_HUMAN: ConversationStatus[] = ['queued', 'with_agent', 'awaiting_customer'];

const MOVES: Record<LifecycleAction, { from: ConversationStatus[]; to: ConversationStatus }> = {
  handoff: { from: ['bot'], to: 'queued' },
  accept: { from: ['queued', 'awaiting_customer'], to: 'with_agent' },
  assign_agent: { from: OPEN_HUMAN, to: 'with_agent' },
  transfer_team: { from: OPEN_HUMAN, to: 'queued' },
  return_to_bot: { from: OPEN_HUMAN, to: 'bot' },
  await_customer: { from: ['queued'], to: 'awaiting_customer' },
  resolve: { from: ['bot', ...OPEN_HUMAN], to: 'resolved' },
  close: { from: ['bot', 'resolved', ...OPEN_HUMAN], to: 'closed' },
  reopen: { from: ['resolved'], to: 'bot' },
};

/** Who holds the conversation in each status: the bot speaks only under 'bot'. */
export function controllerOf(status: ConversationStatus): Controller {
  if (status === 'bot') return 'bot';
  if (status === 'resolved' || status === 'closed') return 'none';
  return 'human';
}

export type TransitionResult =
  | { ok: true; status: ConversationStatus; controller: Controller }
  | { ok: false; from: ConversationStatus; action: LifecycleAction; allowedFrom: ConversationStatus[] };

export function transition(from: ConversationStatus, action: LifecycleAction): TransitionResult {
  const move = MOVES[action];
  if (!move.from.includes(from)) return { ok: false, from, action, allowedFrom: move.from };
  return { ok: true, status: move.to, controller: controllerOf(move.to) };
}
