import { z } from 'zod';
import { defineConnector, SignatureError, type HandoffTicket, type InboundRequest, type ThreadRef } from '../types.ts';
import { handoffTags } from '../render.ts';
import { header, hmac, safeEqual } from '../verify.ts';
import { hostedConfig } from '../hosted.ts';
import { createOnce, mapTeam } from '../create-once.ts';
import { kustomerCall } from './api.ts';
import { EVENTS, OUR_PREFIX, parseKustomerEvents } from './events.ts';

// Kustomer (REST v1, API key): the customer found or made by our external id, a conversation
// for them per handoff (`externalId` = handoff id, looked up before a retried create), the
// transcript recorded as an inbound message, the brief as a note (customers never see notes),
// native priority 1-5, assigned team or queue, intent/confidence as custom attributes if
// configured and tags by name. Agent replies come back through an outbound webhook registered
// by set-up, signed with HMAC-SHA256 keyed by the token Kustomer returns.
// Sources, and what is still unverified: docs/connectors.md, "Checked against the vendors".

const attr = (suffix: string) =>
  z.string().regex(new RegExp(`^[a-z][A-Za-z0-9]*(${suffix})$`), `a custom attribute name ending in ${suffix}`);

/** The channels a recorded message may have (Kustomer, Create message). */
export const MESSAGE_CHANNELS = [
  'email',
  'sms',
  'chat',
  'facebook',
  'twitter-dm',
  'twitter-tweet',
  'voice',
  'instagram',
  'whatsapp',
] as const;

// The account at https://<org>.api.kustomerapp.com (the org host routes to the right region).
const Config = hostedConfig('org', {
  /** Baton team id or team name -> Kustomer team id (assignedTeams) and/or queue id (for orgs that route by queue). */
  team_map: z.record(z.string(), z.string()).default({}),
  default_team_id: z.string().optional(),
  queue_map: z.record(z.string(), z.string()).default({}),
  default_queue_id: z.string().optional(),
  /** Conversation custom attributes, e.g. batonIntentStr and batonConfidenceNum; without them, tags only. */
  intent_attribute: attr('Str|Txt').optional(),
  confidence_attribute: attr('Num').optional(),
  /**
   * The channel the timeline records for the chat lines we mirror: one Kustomer's Create message
   * accepts (developer.kustomer.com/api/core-resources/create-message).
   */
  message_channel: z.enum(MESSAGE_CHANNELS).default('chat'),
  /** The Kustomer user behind the API key, if known: what it writes is never relayed. */
  api_user_id: z.string().optional(),
});

const Credentials = z.object({
  api_key: z.string().min(1),
  /** The outbound webhook's token (set-up stores it): the key of X-Kustomer-Webhook-Signature. */
  webhook_token: z.string().min(1).optional(),
});

type KConfig = z.infer<typeof Config>;
type Progress = { customer_id?: string; create_started_at?: number; transcript?: boolean; note?: boolean; tags?: boolean };

const PRIORITY = { low: 2, normal: 3, high: 4, urgent: 5 } as const;

export const kustomer = defineConnector({
  vendor: 'kustomer',
  displayName: 'Kustomer',
  capabilities: {
    internalNotes: true,
    nativePriority: true,
    nativeIdempotency: false,
    webhookSetup: 'api',
    // The org-wide budget is 300-2,000 per minute depending on plan, shared by every key: a modest share.
    rateLimit: { requests: 200, perMs: 60_000 },
  },
  configSchema: Config,
  credentialsSchema: Credentials,
  baseUrl: (c: KConfig) => c.base_url ?? `https://${c.org}.api.kustomerapp.com`,
  authHeaders: (s) => ({ authorization: `Bearer ${s.api_key}` }),
  create: ({ config, credentials, client }) => {
    const call = kustomerCall(client);
    const message = (text: string, externalId: string) => ({
      app: 'baton',
      channel: config.message_channel,
      direction: 'in',
      status: 'received',
      preview: text,
      externalId,
    });

    async function findOrCreateCustomer(t: HandoffTicket): Promise<string> {
      const externalId = t.customer.externalId ?? `baton_${t.customer.id}`;
      const found = await call('GET', `/v1/customers/externalId=${encodeURIComponent(externalId)}`, undefined, [404]);
      if (found.status === 200 && found.json?.data?.id) return String(found.json.data.id);
      const created = await call('POST', '/v1/customers', {
        name: t.customer.name ?? 'Chat customer',
        externalId,
        ...(t.customer.email ? { emails: [{ type: 'home', email: t.customer.email }] } : {}),
      });
      return String(created.json.data.id);
    }

    async function findConversation(handoffId: string): Promise<string | null> {
      const found = await call('GET', `/v1/conversations/externalId=${encodeURIComponent(handoffId)}`, undefined, [404]);
      const hit = found.status === 200 ? found.json?.data : null;
      return hit?.id && hit.attributes?.externalId === handoffId ? String(hit.id) : null;
    }

    async function createConversation(t: HandoffTicket, customerId: string): Promise<string> {
      const team = mapTeam(config.team_map, t.team, config.default_team_id);
      const queue = mapTeam(config.queue_map, t.team, config.default_queue_id);
      const custom = {
        ...(config.intent_attribute && t.intent ? { [config.intent_attribute]: t.intent } : {}),
        ...(config.confidence_attribute && t.confidence !== null ? { [config.confidence_attribute]: t.confidence } : {}),
      };
      const created = await call('POST', `/v1/customers/${encodeURIComponent(customerId)}/conversations`, {
        name: t.subject,
        externalId: t.handoffId,
        status: 'open',
        priority: PRIORITY[t.priority],
        direction: 'in',
        ...(team ? { assignedTeams: [team] } : {}),
        ...(queue ? { queue: { id: queue } } : {}),
        ...(Object.keys(custom).length ? { custom } : {}),
      });
      if (!created.json?.data?.id) throw new Error('kustomer: conversation create answered without an id');
      return String(created.json.data.id);
    }

    return {
      async handoff(t, progress, save): Promise<ThreadRef> {
        const data = { ...(progress.data as Progress) };
        if (!data.customer_id) {
          data.customer_id = await findOrCreateCustomer(t);
          await save({ externalId: progress.externalId, data });
        }
        const customerId = data.customer_id;
        const ref = await createOnce({
          progress: { externalId: progress.externalId, data },
          save,
          find: () => findConversation(t.handoffId),
          create: () => createConversation(t, customerId),
        });
        const done = ref.data as Progress;
        const path = `/v1/conversations/${encodeURIComponent(ref.externalId!)}`;
        const step = async (patch: Partial<Progress>) => {
          Object.assign(done, patch);
          await save(ref);
        };
        if (!done.transcript) {
          const lines = t.transcript.map((m) => `${m.author}: ${m.text}`).join('\n') || t.subject;
          await call('POST', `${path}/messages`, message(lines, `${OUR_PREFIX}${t.handoffId}:transcript`));
          await step({ transcript: true });
        }
        if (!done.note) {
          await call('POST', `${path}/notes`, { body: t.briefText });
          await step({ note: true });
        }
        if (!done.tags) {
          // By name; Kustomer creates the tags it does not know yet. Priority is native, not a tag.
          await call('POST', `${path}/tags`, [...handoffTags(t, { priorityAsTag: false }), ...t.tags]);
          await step({ tags: true });
        }
        return ref;
      },

      async appendCustomerMessage(ref, line) {
        await call(
          'POST',
          `/v1/conversations/${encodeURIComponent(ref.externalId!)}/messages`,
          message(line.text, `${OUR_PREFIX}${line.messageId}`),
        );
      },

      async close(ref) {
        await call('PATCH', `/v1/conversations/${encodeURIComponent(ref.externalId!)}`, { status: 'done' });
      },

      verify(req: InboundRequest) {
        const token = credentials.webhook_token;
        const given = header(req, 'x-kustomer-webhook-signature');
        if (!token || !given) throw new SignatureError('missing signature');
        if (!safeEqual(hmac('sha256', token, req.rawBody, 'hex'), given.toLowerCase())) throw new SignatureError('bad signature');
      },

      parse: (req) => parseKustomerEvents(req, { apiUserId: config.api_user_id }),

      async testConnection() {
        // Needs the outbound_webhook permission that set-up needs too.
        const events = await call('GET', '/v1/outbound-webhooks/events');
        const list: unknown = events.json?.events ?? events.json?.data;
        if (!Array.isArray(list)) return { ok: false, detail: 'Kustomer answered without the list of webhook events' };
        const missing = EVENTS.filter((e) => !list.includes(e));
        if (missing.length) return { ok: false, detail: `this org cannot subscribe to ${missing.join(', ')}` };
        return { ok: true, detail: `authenticated to Kustomer; ${list.length} webhook events available` };
      },

      async setup(webhookUrl) {
        const hook = await call('POST', '/v1/outbound-webhooks', {
          name: 'Baton handoff relay',
          url: webhookUrl,
          events: EVENTS,
          headers: [],
        });
        const body = hook.json ?? {};
        const token = body.token ?? body.data?.attributes?.token ?? body.data?.token;
        if (typeof token !== 'string' || !token) throw new Error('kustomer: the outbound webhook was created without a token');
        const id = body.id ?? body.data?.id;
        return {
          registered: [`outbound webhook ${id ?? ''} -> ${webhookUrl} (${EVENTS.join(', ')})`],
          manualSteps: [
            'If set-up ran before: Settings > Platform > Outbound webhooks, delete the older "Baton handoff relay" webhooks (their token is no longer the one Baton checks).',
            ...(config.intent_attribute || config.confidence_attribute
              ? []
              : [
                  'Optional: Settings > Platform > Klasses > Conversation: add batonIntentStr (text) and batonConfidenceNum (number), then set config.intent_attribute and config.confidence_attribute.',
                ]),
          ],
          credentials: { webhook_token: token },
        };
      },
    };
  },
});
