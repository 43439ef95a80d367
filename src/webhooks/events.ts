import type { EventRow } from '../db/schema.ts';

/** What a subscription can ask for. `*` means every type below. */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'conversation.updated',
  'conversation.handoff',
  'conversation.accepted',
  'conversation.assigned',
  'conversation.transferred',
  'conversation.awaiting_customer',
  'conversation.resolved',
  'conversation.reopened',
  'conversation.returned_to_bot',
  'conversation.closed',
  'conversation.rated',
  'message.created',
  'knowledge.updated',
] as const;

const ACTION_TYPES: Record<string, string> = {
  accept: 'conversation.accepted',
  assign_agent: 'conversation.assigned',
  transfer_team: 'conversation.transferred',
  await_customer: 'conversation.awaiting_customer',
  resolve: 'conversation.resolved',
  reopen: 'conversation.reopened',
  return_to_bot: 'conversation.returned_to_bot',
  close: 'conversation.closed',
};

/** The webhook types an event stands for: its own, and for a move the specific one. */
export function typesOf(e: EventRow): string[] {
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e.type)) return [];
  if (e.type === 'conversation.updated') {
    const specific = ACTION_TYPES[String(e.data.action)];
    return specific ? [specific, e.type] : [e.type];
  }
  return [e.type];
}

/** The first of the event's types the subscription asked for; null when none. */
export function matchSubscription(eventTypes: string[], e: EventRow): string | null {
  const types = typesOf(e);
  if (types.length === 0) return null;
  if (eventTypes.includes('*')) return types[0]!;
  return types.find((t) => eventTypes.includes(t)) ?? null;
}
