import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineConnector, SignatureError, type CustomerLine, type HandoffTicket, type InboundRequest, type ThreadRef } from '../types.ts';
import { handoffTags } from '../render.ts';
import { header, safeEqual } from '../verify.ts';
import { hostedConfig } from '../hosted.ts';
import { createOnce, mapTeam } from '../create-once.ts';
import { integrationBodies, INTEGRATION_NAMES, OUR_PREFIX, parseGorgiasHook, SECRET_HEADER } from './hooks.ts';

// Gorgias (REST API, private app): a ticket on the `api` channel per handoff (auto-reply rules do
// not fire on it), the brief as an `internal-note` message, intent/confidence as tags and ticket
// custom fields if configured, the team as `assignee_team`; Gorgias has no ticket priority in
// the documented API, so priority is a tag. No idempotency key: the ticket carries our handoff
// id as `external_id`, and a retried create looks it up first. Agent replies come back through
// HTTP integrations (registered by set-up) that carry a shared secret header.
// Sources, and what is still unverified: docs/connectors.md, "Checked against the vendors".

// The account at https://<domain>.gorgias.com.
const Config = hostedConfig('domain', {
  /** Baton team id or team name -> Gorgias team id. */
  team_map: z.record(z.string(), z.number().int()).default({}),
  default_team_id: z.number().int().optional(),
  /** Ticket custom field ids for intent and confidence; without them these are tags only. */
  intent_field_id: z.number().int().optional(),
  confidence_field_id: z.number().int().optional(),
  /** Gorgias keys customers by e-mail: a chat customer without one gets <id>@<this domain>. */
  anonymous_email_domain: z
    .string()
    .regex(/^[a-z0-9.-]+$/i)
    .default('chat.baton.invalid'),
});

const Credentials = z.object({
  /** The Gorgias user the REST API key belongs to: HTTP Basic username and author of the notes. */
  email: z.string().email(),
  api_key: z.string().min(1),
  /** Sent by our HTTP integrations as X-Baton-Secret (set-up generates it). */
  webhook_secret: z.string().min(16).optional(),
});

type GConfig = z.infer<typeof Config>;
type Progress = { create_started_at?: number; note?: boolean };

const customerEmail = (c: HandoffTicket['customer'], config: GConfig): string =>
  c.email ?? `${(c.externalId ?? `baton_${c.id}`).replace(/[^a-z0-9._-]/gi, '_')}@${config.anonymous_email_domain}`;

/** An ISO time for sent_datetime: the line's own time, or now when it has none. */
const sentAt = (at: string): string => (at && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : new Date().toISOString());

export const gorgias = defineConnector({
  vendor: 'gorgias',
  displayName: 'Gorgias',
  capabilities: {
    internalNotes: true,
    nativePriority: false,
    nativeIdempotency: false,
    webhookSetup: 'api',
    // Leaky bucket: 40 calls per 20 s for API-key integrations. Keep a little headroom.
    rateLimit: { requests: 36, perMs: 20_000 },
  },
  configSchema: Config,
  credentialsSchema: Credentials,
  baseUrl: (c: GConfig) => c.base_url ?? `https://${c.domain}.gorgias.com`,
  authHeaders: (s) => ({ authorization: `Basic ${Buffer.from(`${s.email}:${s.api_key}`).toString('base64')}` }),
  create: ({ config, credentials, client }) => {
    // A message created without sent_datetime is sent to its recipients; one with it is recorded
    // as already sent (developers.gorgias.com/reference/create-ticket-message). What Baton mirrors
    // was already said in the chat, so it always carries the time it was said.
    const customerMessage = (customer: HandoffTicket['customer'], text: string, externalId: string, at: string) => ({
      channel: 'api',
      via: 'api',
      from_agent: false,
      sender: { email: customerEmail(customer, config) },
      body_text: text,
      external_id: externalId,
      sent_datetime: sentAt(at),
    });

    async function findTicket(handoffId: string): Promise<string | null> {
      const res = await client.request('GET', `/api/tickets?external_id=${encodeURIComponent(handoffId)}&limit=30`);
      // Matched here too: a lookup that ignored the filter must not adopt someone else's ticket.
      const hit = ((res.json?.data ?? []) as { id: number; external_id?: string | null }[]).find((x) => x.external_id === handoffId);
      return hit ? String(hit.id) : null;
    }

    async function createTicket(t: HandoffTicket): Promise<string> {
      const team = mapTeam(config.team_map, t.team, config.default_team_id);
      const custom_fields = [
        ...(config.intent_field_id && t.intent ? [{ id: config.intent_field_id, value: t.intent }] : []),
        ...(config.confidence_field_id && t.confidence !== null
          ? [{ id: config.confidence_field_id, value: t.confidence.toFixed(2) }]
          : []),
      ];
      const transcript = t.transcript.map((m) => `${m.author}: ${m.text}`).join('\n') || t.subject;
      const created = await client.request('POST', '/api/tickets', {
        channel: 'api',
        via: 'api',
        from_agent: false,
        customer: { email: customerEmail(t.customer, config), ...(t.customer.name ? { name: t.customer.name } : {}) },
        subject: t.subject,
        external_id: t.handoffId,
        ...(team ? { assignee_team: { id: team } } : {}),
        tags: [...handoffTags(t, { priorityAsTag: true }), ...t.tags].map((name) => ({ name })),
        ...(custom_fields.length ? { custom_fields } : {}),
        messages: [customerMessage(t.customer, transcript, `${OUR_PREFIX}${t.handoffId}:transcript`, t.transcript.at(-1)?.at ?? '')],
      });
      if (!created.json?.id) throw new Error('gorgias: ticket create answered without a ticket id');
      return String(created.json.id);
    }

    return {
      async handoff(t, progress, save): Promise<ThreadRef> {
        const ref = await createOnce({ progress, save, find: () => findTicket(t.handoffId), create: () => createTicket(t) });
        const data = ref.data as Progress;
        if (!data.note) {
          await client.request('POST', `/api/tickets/${ref.externalId}/messages`, {
            channel: 'internal-note',
            via: 'api',
            from_agent: true,
            sender: { email: credentials.email },
            body_text: t.briefText,
            body_html: t.briefHtml,
            external_id: `${OUR_PREFIX}${t.handoffId}:brief`,
          });
          data.note = true;
          await save(ref);
        }
        return ref;
      },

      async appendCustomerMessage(ref, line: CustomerLine) {
        await client.request(
          'POST',
          `/api/tickets/${ref.externalId}/messages`,
          customerMessage(line.customer, line.text, `${OUR_PREFIX}${line.messageId}`, line.at),
        );
      },

      async close(ref) {
        await client.request('PUT', `/api/tickets/${ref.externalId}`, { status: 'closed' });
      },

      verify(req: InboundRequest) {
        const given = header(req, SECRET_HEADER);
        if (!credentials.webhook_secret || !given || !safeEqual(given, credentials.webhook_secret))
          throw new SignatureError('bad shared secret');
      },

      parse: (req) => parseGorgiasHook(req),

      async testConnection() {
        const account = await client.request('GET', '/api/account');
        if (!account.json?.domain) return { ok: false, detail: 'no Gorgias account behind these credentials' };
        return { ok: true, detail: `authenticated to Gorgias account ${account.json.domain} as ${credentials.email}` };
      },

      async setup(webhookUrl) {
        // The same secret as before if there is one: integrations registered earlier keep working.
        const secret = credentials.webhook_secret ?? randomBytes(24).toString('hex');
        const existing = await client.request('GET', '/api/integrations?type=http&limit=100');
        const registered: string[] = [];
        for (const body of integrationBodies(webhookUrl, secret)) {
          const same = ((existing.json?.data ?? []) as { id: number; name?: string; type?: string }[]).find(
            (i) => i.type === 'http' && i.name === body.name,
          );
          const res = same
            ? await client.request('PUT', `/api/integrations/${same.id}`, body)
            : await client.request('POST', '/api/integrations', body);
          registered.push(
            `HTTP integration ${res.json?.id ?? same?.id} "${body.name}" -> ${webhookUrl} (${Object.keys(body.http.triggers).join(', ')})`,
          );
        }
        return {
          registered,
          manualSteps: [
            `Gorgias has no ticket priority in its REST API: Baton tags tickets priority_low/normal/high/urgent. To act on it, add a rule (Settings > Rules) on "Ticket created" with "tags contain priority_urgent".`,
            `Check Settings > Integrations > HTTP: "${INTEGRATION_NAMES.message}" and "${INTEGRATION_NAMES.closed}" are active.`,
          ],
          credentials: { webhook_secret: secret },
        };
      },
    };
  },
});
