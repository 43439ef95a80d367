import { z } from 'zod';
import { defineConnector, SignatureError, type InboundEvent, type InboundRequest, type ThreadRef } from '../types.ts';
import { handoffTags } from '../render.ts';
import { checkFreshness, hmac, header, parseJsonBody, safeEqual } from '../verify.ts';
import { hostedConfig } from '../hosted.ts';

// Zendesk Support (Ticketing API): a ticket per handoff with the brief as a private comment,
// agent replies back through a webhook subscribed to ticket events, signed with HMAC-SHA256.
// Sources, and what is still unverified: docs/connectors.md, "Checked against the vendors".

// The account at https://<subdomain>.zendesk.com.
const Config = hostedConfig('subdomain', {
  /** Baton team id or team name -> Zendesk group id. */
  group_map: z.record(z.string(), z.number().int()).default({}),
  default_group_id: z.number().int().optional(),
  /** Ticket field ids for intent and confidence; without them these go to tags only. */
  intent_field_id: z.number().int().optional(),
  confidence_field_id: z.number().int().optional(),
  /** The Zendesk user the API token acts as (found by test/set-up): its comments are our echoes. */
  api_user_id: z.number().int().optional(),
});

const Credentials = z.union([
  z.object({ email: z.string().email(), api_token: z.string().min(1), webhook_signing_secret: z.string().min(1).optional() }),
  z.object({ oauth_token: z.string().min(1), webhook_signing_secret: z.string().min(1).optional() }),
]);

type ZConfig = z.infer<typeof Config>;

export const WEBHOOK_EVENTS = ['zen:event-type:ticket.comment_added', 'zen:event-type:ticket.status_changed'];
const TOLERANCE_SECONDS = 300;

export const zendesk = defineConnector({
  vendor: 'zendesk',
  displayName: 'Zendesk Support',
  capabilities: {
    internalNotes: true,
    nativePriority: true,
    nativeIdempotency: true,
    webhookSetup: 'api',
    // Update Ticket is 100/min per account on most plans; stay under it.
    rateLimit: { requests: 90, perMs: 60_000 },
  },
  configSchema: Config,
  credentialsSchema: Credentials,
  baseUrl: (c: ZConfig) => c.base_url ?? `https://${c.subdomain}.zendesk.com`,
  authHeaders: (s) =>
    'oauth_token' in s
      ? { authorization: `Bearer ${s.oauth_token}` }
      : { authorization: `Basic ${Buffer.from(`${s.email}/token:${s.api_token}`).toString('base64')}` },
  create: ({ config, credentials, client }) => {
    const groupFor = (team: { id: string; name: string } | null): number | undefined =>
      (team && (config.group_map[team.id] ?? config.group_map[team.name])) ?? config.default_group_id;

    return {
      async handoff(t, progress, save): Promise<ThreadRef> {
        if (progress.externalId) return progress;
        // A crash after Zendesk created the ticket but before we recorded it: find it first.
        const found = await client.request('GET', `/api/v2/tickets?external_id=${encodeURIComponent(t.handoffId)}`);
        const existing = found.json?.tickets?.[0];
        if (existing) {
          const ref = { externalId: String(existing.id), data: { ...progress.data, requester_id: existing.requester_id } };
          await save(ref);
          return ref;
        }
        const custom_fields = [
          ...(config.intent_field_id && t.intent ? [{ id: config.intent_field_id, value: t.intent }] : []),
          ...(config.confidence_field_id && t.confidence !== null
            ? [{ id: config.confidence_field_id, value: t.confidence.toFixed(2) }]
            : []),
        ];
        const group_id = groupFor(t.team);
        const created = await client.request(
          'POST',
          '/api/v2/tickets',
          {
            ticket: {
              subject: t.subject,
              comment: { body: t.briefText, public: false },
              requester: {
                name: t.customer.name ?? 'Chat customer',
                ...(t.customer.email ? { email: t.customer.email } : {}),
              },
              external_id: t.handoffId,
              priority: t.priority,
              tags: [...handoffTags(t, { priorityAsTag: false }), ...t.tags],
              ...(group_id ? { group_id } : {}),
              ...(custom_fields.length ? { custom_fields } : {}),
            },
          },
          { headers: { 'idempotency-key': `baton-handoff-${t.handoffId}` } },
        );
        const ticket = created.json?.ticket;
        if (!ticket?.id) throw new Error('zendesk: ticket create answered without a ticket id');
        const ref = { externalId: String(ticket.id), data: { ...progress.data, requester_id: ticket.requester_id } };
        await save(ref);
        return ref;
      },

      async appendCustomerMessage(ref, line) {
        // Authored as the requester: a public comment by the requester notifies the agent, not the customer.
        const author = typeof ref.data.requester_id === 'number' ? { author_id: ref.data.requester_id } : {};
        await client.request('PUT', `/api/v2/tickets/${ref.externalId}`, {
          ticket: { comment: { body: line.text, public: true, ...author } },
        });
      },

      async close(ref) {
        await client.request('PUT', `/api/v2/tickets/${ref.externalId}`, {
          ticket: { status: 'solved', comment: { body: 'Resolved in Baton.', public: false } },
        });
      },

      verify(req: InboundRequest) {
        const secret = credentials.webhook_signing_secret;
        const signature = header(req, 'x-zendesk-webhook-signature');
        const timestamp = header(req, 'x-zendesk-webhook-signature-timestamp');
        if (!secret || !signature || !timestamp) throw new SignatureError('missing signature');
        const expected = hmac('sha256', secret, Buffer.concat([Buffer.from(timestamp), req.rawBody]), 'base64');
        if (!safeEqual(expected, signature)) throw new SignatureError('bad signature');
        checkFreshness(new Date(timestamp), req.now, TOLERANCE_SECONDS);
      },

      parse(req: InboundRequest): InboundEvent[] {
        const body = parseJsonBody(req);
        // Zendesk posts one event per request; accept an array too, and split it.
        const items: any[] = Array.isArray(body) ? body : [body];
        return items.map((e): InboundEvent => {
          if (!e || typeof e !== 'object' || typeof e.id !== 'string')
            return { id: 'invalid', kind: 'ignored', reason: 'not a Zendesk event' };
          const ticketId = e.detail?.id !== undefined ? String(e.detail.id) : String(e.subject ?? '').replace(/^zen:ticket:/, '');
          const at = typeof e.time === 'string' ? new Date(e.time) : null;
          if (e.type === 'zen:event-type:ticket.comment_added') {
            const c = e.event?.comment ?? {};
            const author = c.author ?? {};
            if (!c.is_public) return { id: e.id, kind: 'ignored', reason: 'private comment' };
            if (config.api_user_id !== undefined && Number(author.id) === config.api_user_id)
              return { id: e.id, kind: 'ignored', reason: 'our own comment' };
            if (!author.is_staff) return { id: e.id, kind: 'ignored', reason: 'not an agent (the customer line we mirrored)' };
            if (typeof c.body !== 'string' || !c.body.trim()) return { id: e.id, kind: 'ignored', reason: 'empty comment' };
            return { id: e.id, kind: 'agent_message', externalThreadId: ticketId, text: c.body.trim(), agentName: author.name ?? null, at };
          }
          if (e.type === 'zen:event-type:ticket.status_changed') {
            const current = String(e.event?.current ?? '').toLowerCase();
            if (current === 'solved' || current === 'closed') return { id: e.id, kind: 'closed', externalThreadId: ticketId, at };
            return { id: e.id, kind: 'ignored', reason: `status ${current}` };
          }
          return { id: e.id, kind: 'ignored', reason: `event ${String(e.type)}` };
        });
      },

      async testConnection() {
        const me = await client.request('GET', '/api/v2/users/me.json');
        const user = me.json?.user;
        if (!user?.id || user.role === 'end-user') return { ok: false, detail: 'the credentials do not belong to an agent or admin' };
        return { ok: true, detail: `authenticated as Zendesk user ${user.id} (${user.role})` };
      },

      async setup(webhookUrl) {
        const me = await client.request('GET', '/api/v2/users/me.json');
        const hook = await client.request('POST', '/api/v2/webhooks', {
          webhook: {
            name: 'Baton handoff relay',
            status: 'active',
            endpoint: webhookUrl,
            http_method: 'POST',
            request_format: 'json',
            subscriptions: WEBHOOK_EVENTS,
          },
        });
        const id = hook.json?.webhook?.id;
        const secret = await client.request('GET', `/api/v2/webhooks/${id}/signing_secret`);
        return {
          registered: [`webhook ${id} -> ${webhookUrl} (${WEBHOOK_EVENTS.join(', ')})`],
          manualSteps: [
            'Admin Center > Objects and rules > Triggers: in "Notify requester and CCs of comment update", add the condition "Tags contains none of the following: baton_handoff", so the customer gets agent replies in the chat only, not also by e-mail.',
          ],
          credentials: { webhook_signing_secret: String(secret.json?.signing_secret?.secret ?? '') },
          config: { api_user_id: me.json?.user?.id },
        };
      },
    };
  },
});
