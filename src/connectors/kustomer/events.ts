import type { InboundEvent, InboundRequest } from '../types.ts';
import { htmlToText } from '../render.ts';
import { parseJsonBody } from '../verify.ts';

// Kustomer outbound webhook deliveries: one event envelope per POST
// ({id, name, org, data: {type, id, attributes, relationships}, changes}), at least once and
// possibly out of order (research §6). A list of envelopes is split too.

export const EVENTS = ['kustomer.message.create', 'kustomer.conversation.update'];
/** Our mark on the messages we write (`externalId`): their events are echoes. */
export const OUR_PREFIX = 'baton:';

const when = (v: unknown): Date | null => {
  const d = typeof v === 'string' && v ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

export function parseKustomerEvents(req: InboundRequest, opts: { apiUserId?: string }): InboundEvent[] {
  const body = parseJsonBody(req);
  const items: any[] = Array.isArray(body) ? body : [body];
  return items.map((e): InboundEvent => {
    if (!e || typeof e !== 'object' || typeof e.id !== 'string' || !e.data || typeof e.data.id !== 'string') {
      return { id: 'invalid', kind: 'ignored', reason: 'not a Kustomer event' };
    }
    const a = e.data.attributes ?? {};
    const rel = e.data.relationships ?? {};
    if (e.name === 'kustomer.message.create') {
      // Keyed by the message: the same message in two deliveries is one reply.
      const id = `message:${e.data.id}`;
      if (a.direction !== 'out') return { id, kind: 'ignored', reason: 'inbound message (the customer, or a line we mirrored)' };
      if (String(a.externalId ?? '').startsWith(OUR_PREFIX)) return { id, kind: 'ignored', reason: 'our own message' };
      if (a.auto === true) return { id, kind: 'ignored', reason: 'automated message' };
      const author = rel.createdBy?.data?.id;
      if (opts.apiUserId && author === opts.apiUserId) return { id, kind: 'ignored', reason: 'written with our API key' };
      const conversationId = rel.conversation?.data?.id;
      if (typeof conversationId !== 'string') return { id, kind: 'ignored', reason: 'no conversation' };
      const text = typeof a.preview === 'string' && a.preview.trim() ? a.preview.trim() : htmlToText(String(a.meta?.body ?? ''));
      if (!text) return { id, kind: 'ignored', reason: 'empty message' };
      return { id, kind: 'agent_message', externalThreadId: conversationId, text, agentName: null, at: when(a.createdAt) };
    }
    if (e.name === 'kustomer.conversation.update') {
      const changed = e.changes?.attributes;
      // Done, and this update is the one that made it done (not a later edit of a done conversation).
      if (a.status === 'done' && (!changed || 'status' in changed))
        return { id: e.id, kind: 'closed', externalThreadId: e.data.id, at: when(a.updatedAt) };
      return { id: e.id, kind: 'ignored', reason: `conversation update (status ${String(a.status)})` };
    }
    return { id: e.id, kind: 'ignored', reason: `event ${String(e.name)}` };
  });
}
