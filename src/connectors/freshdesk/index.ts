import { z } from 'zod';
import { defineConnector, SignatureError, type InboundEvent, type InboundRequest, type ThreadRef } from '../types.ts';
import { handoffTags, htmlToText } from '../render.ts';
import { header, parseJsonBody, safeEqual } from '../verify.ts';
import { hostedConfig } from '../hosted.ts';

// Freshdesk (API v2): a Chat-source ticket per handoff, the brief as a private note; agent
// replies come back from an automation rule's "Trigger webhook" action (no API to create
// those: set-up prints the rule), authenticated by a shared secret header.
// Sources, and what is still unverified: docs/connectors.md, "Checked against the vendors".

// The account at https://<domain>.freshdesk.com.
const Config = hostedConfig('domain', {
  group_map: z.record(z.string(), z.number().int()).default({}),
  default_group_id: z.number().int().optional(),
  /** Custom field names (cf_...) for intent, confidence and the handoff id (the lookup key). */
  intent_field: z.string().startsWith('cf_').optional(),
  confidence_field: z.string().startsWith('cf_').optional(),
  handoff_field: z.string().startsWith('cf_').optional(),
});

const Credentials = z.object({
  api_key: z.string().min(1),
  /** Sent by the automation rule as X-Baton-Secret. */
  webhook_secret: z.string().min(16).optional(),
});

const PRIORITY = { low: 1, normal: 2, high: 3, urgent: 4 } as const;
const RESOLVED = new Set([4, 5, '4', '5', 'resolved', 'closed', 'Resolved', 'Closed']);

export const freshdesk = defineConnector({
  vendor: 'freshdesk',
  displayName: 'Freshdesk',
  capabilities: {
    internalNotes: true,
    nativePriority: true,
    nativeIdempotency: false,
    webhookSetup: 'manual',
    // Growth plan: 80 ticket creates/updates per minute, 200 calls per minute.
    rateLimit: { requests: 70, perMs: 60_000 },
  },
  configSchema: Config,
  credentialsSchema: Credentials,
  baseUrl: (c) => c.base_url ?? `https://${c.domain}.freshdesk.com`,
  authHeaders: (s) => ({ authorization: `Basic ${Buffer.from(`${s.api_key}:X`).toString('base64')}` }),
  create: ({ config, credentials, client }) => ({
    async handoff(t, progress, save): Promise<ThreadRef> {
      const data = { ...progress.data } as { note?: boolean; create_started_at?: number };
      let externalId = progress.externalId;
      if (!externalId && data.create_started_at && config.handoff_field) {
        // No idempotency key: an earlier attempt may have created it. Search by our handoff id.
        const q = encodeURIComponent(`"${config.handoff_field}:'${t.handoffId}'"`);
        const found = await client.request('GET', `/api/v2/search/tickets?query=${q}`);
        const hit = found.json?.results?.[0];
        if (hit?.id) externalId = String(hit.id);
      }
      if (!externalId) {
        data.create_started_at = Math.floor(Date.now() / 1000);
        await save({ externalId: null, data });
        const group = (t.team && (config.group_map[t.team.id] ?? config.group_map[t.team.name])) ?? config.default_group_id;
        const custom_fields: Record<string, string> = {};
        if (config.intent_field && t.intent) custom_fields[config.intent_field] = t.intent;
        if (config.confidence_field && t.confidence !== null) custom_fields[config.confidence_field] = t.confidence.toFixed(2);
        if (config.handoff_field) custom_fields[config.handoff_field] = t.handoffId;
        const created = await client.request('POST', '/api/v2/tickets', {
          subject: t.subject,
          description: t.transcript.map((m) => `<p><i>${m.author}:</i> ${m.text.replace(/</g, '&lt;')}</p>`).join('') || t.subject,
          ...(t.customer.email ? { email: t.customer.email } : { unique_external_id: t.customer.externalId ?? `baton_${t.customer.id}` }),
          name: t.customer.name ?? 'Chat customer',
          status: 2,
          priority: PRIORITY[t.priority],
          source: 7,
          tags: [...handoffTags(t, { priorityAsTag: false }), ...t.tags],
          ...(group ? { group_id: group } : {}),
          ...(Object.keys(custom_fields).length ? { custom_fields } : {}),
        });
        externalId = String(created.json.id);
        await save({ externalId, data });
      }
      if (!data.note) {
        await client.request('POST', `/api/v2/tickets/${externalId}/notes`, { body: t.briefHtml, private: true });
        data.note = true;
        await save({ externalId, data });
      }
      return { externalId, data };
    },

    async appendCustomerMessage(ref, line) {
      // A public note "from outside": the agent sees the customer's line in the ticket.
      await client.request('POST', `/api/v2/tickets/${ref.externalId}/notes`, { body: line.text, private: false, incoming: true });
    },

    async close(ref) {
      await client.request('PUT', `/api/v2/tickets/${ref.externalId}`, { status: 4 });
    },

    verify(req: InboundRequest) {
      const given = header(req, 'x-baton-secret');
      if (!credentials.webhook_secret || !given || !safeEqual(given, credentials.webhook_secret))
        throw new SignatureError('bad shared secret');
    },

    parse(req: InboundRequest): InboundEvent[] {
      const body = parseJsonBody(req);
      const items: any[] = Array.isArray(body) ? body : [body];
      return items.map((e): InboundEvent => {
        if (!e || typeof e !== 'object' || e.ticket_id === undefined)
          return { id: 'invalid', kind: 'ignored', reason: 'not a Baton Freshdesk payload' };
        const ticketId = String(e.ticket_id);
        if (e.event === 'agent_reply') {
          const text = htmlToText(String(e.reply_body ?? ''));
          if (!text) return { id: `${ticketId}:reply:${e.reply_id}`, kind: 'ignored', reason: 'empty reply' };
          return {
            id: `${ticketId}:reply:${e.reply_id ?? text.length}`,
            kind: 'agent_message',
            externalThreadId: ticketId,
            text,
            agentName: e.agent_name ?? null,
            at: null,
          };
        }
        if (e.event === 'status_changed' && RESOLVED.has(e.status))
          return { id: `${ticketId}:status:${e.status}`, kind: 'closed', externalThreadId: ticketId, at: null };
        return { id: `${ticketId}:${String(e.event)}`, kind: 'ignored', reason: `event ${String(e.event)}` };
      });
    },

    async testConnection() {
      const me = await client.request('GET', '/api/v2/agents/me');
      return me.json?.id
        ? { ok: true, detail: `authenticated as Freshdesk agent ${me.json.id}` }
        : { ok: false, detail: 'no agent behind this key' };
    },

    async setup(webhookUrl) {
      await client.request('GET', '/api/v2/agents/me');
      const hdr = '"X-Baton-Secret: <credentials.webhook_secret>"';
      return {
        registered: [],
        manualSteps: [
          'Admin > Workflows > Automations > Ticket updates > New rule "Baton: agent reply".',
          'When an action performed by: Agent. Involves any of these events: Reply is sent.',
          'On tickets with these properties: Tags contains baton_handoff.',
          `Perform these actions: Trigger webhook, POST ${webhookUrl}, content JSON, custom header ${hdr}, body: {"event":"agent_reply","ticket_id":"{{ticket.id}}","reply_id":"{{ticket.latest_public_comment_id}}","reply_body":"{{ticket.latest_public_comment}}","agent_name":"{{ticket.agent.name}}"}`,
          'A second rule "Baton: resolved": events "Status is changed to Resolved" (and Closed), same tag condition, Trigger webhook with the same URL and header and body {"event":"status_changed","ticket_id":"{{ticket.id}}","status":"{{ticket.status}}"}.',
          'Placeholder names are those of Freshdesk\'s placeholder list; check them in the rule editor ("Insert placeholder").',
        ],
      };
    },
  }),
});
