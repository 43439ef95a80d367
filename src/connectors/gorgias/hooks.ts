import type { InboundEvent, InboundRequest } from '../types.ts';
import { htmlToText } from '../render.ts';
import { parseJsonBody } from '../verify.ts';

// Gorgias HTTP integrations: Gorgias posts the `form` fields (template variables filled in) as
// JSON to our webhook on each trigger. It signs nothing; the integration's custom header carries
// our shared secret. One integration per trigger, so the body says which event it is.
// The message-level variables ({{message.*}}) are not in Gorgias's published list (research
// §5, UNCONFIRMED): check them in a sandbox.

export const SECRET_HEADER = 'x-baton-secret';
export const INTEGRATION_NAMES = { message: 'Baton: ticket messages', closed: 'Baton: ticket updates' } as const;
/** Our mark on what we write (`external_id` of messages): the webhook drops these echoes. */
export const OUR_PREFIX = 'baton:';

export function integrationBodies(webhookUrl: string, secret: string) {
  const http = (triggers: Record<string, boolean>, form: Record<string, string>) => ({
    url: webhookUrl,
    method: 'POST',
    headers: { [SECRET_HEADER]: secret },
    request_content_type: 'application/json',
    response_content_type: 'application/json',
    form,
    triggers,
  });
  return [
    {
      name: INTEGRATION_NAMES.message,
      type: 'http',
      http: http(
        { 'ticket-message-created': true },
        {
          event: 'ticket-message-created',
          ticket_id: '{{ticket.id}}',
          message_id: '{{message.id}}',
          channel: '{{message.channel}}',
          from_agent: '{{message.from_agent}}',
          public: '{{message.public}}',
          external_id: '{{message.external_id}}',
          sender_name: '{{message.sender.name}}',
          body_text: '{{message.body_text}}',
          created_datetime: '{{message.created_datetime}}',
        },
      ),
    },
    {
      name: INTEGRATION_NAMES.closed,
      type: 'http',
      http: http(
        { 'ticket-updated': true },
        {
          event: 'ticket-updated',
          ticket_id: '{{ticket.id}}',
          status: '{{ticket.status}}',
          updated_datetime: '{{ticket.updated_datetime}}',
        },
      ),
    },
  ];
}

const yes = (v: unknown) => v === true || String(v).toLowerCase() === 'true';
const no = (v: unknown) => v === false || String(v).toLowerCase() === 'false';
const when = (v: unknown): Date | null => {
  const d = typeof v === 'string' && v ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/** One hook (or an array of them, split) normalised; our own writes and customer lines are dropped. */
export function parseGorgiasHook(req: InboundRequest): InboundEvent[] {
  const body = parseJsonBody(req);
  const items: any[] = Array.isArray(body) ? body : [body];
  return items.map((e): InboundEvent => {
    if (!e || typeof e !== 'object' || e.ticket_id === undefined || e.ticket_id === '')
      return { id: 'invalid', kind: 'ignored', reason: 'not a Baton Gorgias payload' };
    const ticketId = String(e.ticket_id);
    if (e.event === 'ticket-message-created') {
      const id = `${ticketId}:message:${String(e.message_id ?? '')}`;
      if (!e.message_id) return { id, kind: 'ignored', reason: 'no message id' };
      if (e.channel === 'internal-note' || no(e.public)) return { id, kind: 'ignored', reason: 'internal note' };
      if (String(e.external_id ?? '').startsWith(OUR_PREFIX)) return { id, kind: 'ignored', reason: 'our own message' };
      if (!yes(e.from_agent)) return { id, kind: 'ignored', reason: 'not from an agent' };
      const text = typeof e.body_text === 'string' && e.body_text.trim() ? e.body_text.trim() : htmlToText(String(e.body_html ?? ''));
      if (!text) return { id, kind: 'ignored', reason: 'empty message' };
      return {
        id,
        kind: 'agent_message',
        externalThreadId: ticketId,
        text,
        agentName: e.sender_name || null,
        at: when(e.created_datetime),
      };
    }
    if (e.event === 'ticket-updated') {
      const status = String(e.status ?? '').toLowerCase();
      if (status === 'closed')
        return { id: `${ticketId}:closed`, kind: 'closed', externalThreadId: ticketId, at: when(e.updated_datetime) };
      return { id: `${ticketId}:status:${status}`, kind: 'ignored', reason: `status ${status}` };
    }
    return { id: `${ticketId}:${String(e.event)}`, kind: 'ignored', reason: `event ${String(e.event)}` };
  });
}
