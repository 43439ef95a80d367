import { z } from 'zod';
import { defineConnector, SignatureError, type InboundEvent, type InboundRequest, type ThreadRef } from '../types.ts';
import { handoffTags } from '../render.ts';
import { header, parseJsonBody, safeEqual } from '../verify.ts';
import { withText } from './metadata.ts';

// Zendesk messaging through Sunshine Conversations (SunCo) and the Switchboard: Baton's custom
// integration holds the conversation; a handoff passes control to the Agent Workspace
// (`zd:agentWorkspace`), which makes the ticket; when the agent closes it, Zendesk passes control
// back. SunCo has no internal notes, and a message in the conversation reaches the customer: the
// brief travels as passControl metadata (at most 4 KB, so cut to fit; Zendesk maps metadata to
// ticket fields) with a link to the whole brief in Baton. A private note would need the Support
// API on the resulting ticket (open question Z-1 in docs/connectors.md).
// Shapes: test/connectors/specs/sunco (the vendor's OpenAPI document, trimmed).

const Config = z
  .object({
    app_id: z.string().min(1),
    subdomain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/i)
      .optional(),
    base_url: z.string().url().optional(),
    allow_private_network: z.boolean().default(false),
    /** Who gets control at handoff: an integration type, id or name. */
    switchboard_target: z.string().default('zd:agentWorkspace'),
    /** Baton's own custom integration (set-up records it): its messages are our echoes. */
    integration_id: z.string().optional(),
    /** Baton's address as agents reach it (set-up records it from public_url): links the full brief. */
    console_url: z.string().url().optional(),
  })
  .refine((c) => c.subdomain || c.base_url, { message: 'set subdomain (or base_url)' });

const Credentials = z.object({
  key_id: z.string().min(1),
  secret: z.string().min(1),
  /** The custom integration webhook's secret, sent by SunCo as X-API-Key. */
  webhook_secret: z.string().min(1).optional(),
});

type Progress = { user?: boolean; user_external_id?: string; posted?: number; passed?: boolean; create_started_at?: number };

export const TRIGGERS = ['conversation:message', 'switchboard:passControl', 'switchboard:releaseControl'];

export const sunco = defineConnector({
  vendor: 'sunco',
  displayName: 'Zendesk messaging (Sunshine Conversations)',
  capabilities: {
    internalNotes: false,
    nativePriority: false,
    nativeIdempotency: false,
    webhookSetup: 'api',
    // Limits are not published; SunCo asks for backoff with jitter on 429. A modest budget.
    rateLimit: { requests: 100, perMs: 10_000 },
  },
  configSchema: Config,
  credentialsSchema: Credentials,
  baseUrl: (c) => c.base_url ?? `https://${c.subdomain}.zendesk.com/sc`,
  authHeaders: (s) => ({ authorization: `Basic ${Buffer.from(`${s.key_id}:${s.secret}`).toString('base64')}` }),
  create: ({ config, credentials, client }) => {
    const app = `/v2/apps/${encodeURIComponent(config.app_id)}`;
    const userExternalId = (t: { customer: { id: string; externalId: string | null } }) =>
      t.customer.externalId ?? `baton_${t.customer.id}`;
    /** The switchboard integration a handoff gives control to (the agents' side). */
    const isAgentSide = (s: { id?: unknown; name?: unknown; integrationType?: unknown }) =>
      s.integrationType === 'zd:agentWorkspace' || s.name === config.switchboard_target || s.id === config.switchboard_target;

    return {
      async handoff(t, progress, save): Promise<ThreadRef> {
        const data = { ...(progress.data as Progress) };
        let externalId = progress.externalId;
        const step = async (patch: Partial<Progress>) => {
          Object.assign(data, patch);
          await save({ externalId, data });
        };
        const externalUser = userExternalId(t);
        if (!data.user) {
          await client.request(
            'POST',
            `${app}/users`,
            {
              externalId: externalUser,
              profile: {
                ...(t.customer.name ? { givenName: t.customer.name } : {}),
                ...(t.customer.email ? { email: t.customer.email } : {}),
              },
            },
            { accept: [409] }, // the user exists already
          );
          await step({ user: true, user_external_id: externalUser });
        }
        if (!externalId) {
          if (data.create_started_at) {
            // No idempotency key: find the conversation an interrupted attempt made, by our metadata.
            const list = await client.request('GET', `${app}/conversations?filter[userExternalId]=${encodeURIComponent(externalUser)}`);
            const hit = (list.json?.conversations ?? []).find((c: any) => c.metadata?.baton_handoff_id === t.handoffId);
            if (hit?.id) externalId = String(hit.id);
          }
          if (!externalId) {
            await step({ create_started_at: Math.floor(Date.now() / 1000) });
            const created = await client.request('POST', `${app}/conversations`, {
              type: 'personal',
              participants: [{ userExternalId: externalUser }],
              displayName: t.subject,
              metadata: { baton_handoff_id: t.handoffId },
            });
            externalId = String(created.json.conversation.id);
          }
          await step({});
        }
        const path = `${app}/conversations/${externalId}`;
        // The chat so far, so the agent does not start cold (each line once, in order).
        const lines = t.transcript;
        for (let i = data.posted ?? 0; i < lines.length; i++) {
          const m = lines[i]!;
          const author =
            m.author === 'customer'
              ? { type: 'user', userExternalId: externalUser }
              : { type: 'business', ...(m.author === 'bot' ? { subtypes: ['AI'] } : {}) };
          await client.request('POST', `${path}/messages`, { author, content: { type: 'text', text: m.text }, metadata: { baton: true } });
          await step({ posted: i + 1 });
        }
        if (!data.passed) {
          const tags = [...handoffTags(t, { priorityAsTag: true }), ...t.tags].join(' ');
          const metadata = withText(
            {
              baton_handoff_id: t.handoffId,
              'dataCapture.systemField.tags': tags,
              ...(t.intent ? { baton_intent: t.intent } : {}),
              ...(t.confidence !== null ? { baton_confidence: Number(t.confidence.toFixed(2)) } : {}),
              ...(t.team ? { baton_team: t.team.name } : {}),
              ...(config.console_url ? { baton_brief_url: `${config.console_url.replace(/\/$/, '')}/app/c/${t.conversationId}` } : {}),
            },
            'baton_brief',
            t.briefText,
          );
          await client.request('POST', `${path}/passControl`, { switchboardIntegration: config.switchboard_target, metadata });
          await step({ passed: true });
        }
        return { externalId, data };
      },

      async appendCustomerMessage(ref, line) {
        await client.request('POST', `${app}/conversations/${ref.externalId}/messages`, {
          author: { type: 'user', userExternalId: String(ref.data.user_external_id ?? userExternalId(line)) },
          content: { type: 'text', text: line.text },
          metadata: { baton: true, baton_message_id: line.messageId },
        });
      },

      async close(ref) {
        await client.request('POST', `${app}/conversations/${ref.externalId}/releaseControl`, { metadata: { baton: true } });
      },

      verify(req: InboundRequest) {
        const given = header(req, 'x-api-key');
        if (!credentials.webhook_secret || !given || !safeEqual(given, credentials.webhook_secret))
          throw new SignatureError('bad X-API-Key');
      },

      parse(req: InboundRequest): InboundEvent[] {
        const body = parseJsonBody(req);
        const events: any[] = Array.isArray(body?.events) ? body.events : [];
        if (events.length === 0) return [{ id: 'invalid', kind: 'ignored', reason: 'no events' }];
        return events.map((e): InboundEvent => {
          if (!e || typeof e.id !== 'string') return { id: 'invalid', kind: 'ignored', reason: 'event without id' };
          const conversationId = String(e.payload?.conversation?.id ?? '');
          const at = typeof e.createdAt === 'string' ? new Date(e.createdAt) : null;
          if (e.type === 'conversation:message') {
            const m = e.payload?.message ?? {};
            if (m.metadata?.baton) return { id: e.id, kind: 'ignored', reason: 'our own message' };
            if (config.integration_id && m.source?.integrationId === config.integration_id)
              return { id: e.id, kind: 'ignored', reason: 'our own message' };
            if (m.author?.type !== 'business') return { id: e.id, kind: 'ignored', reason: 'not from the business side' };
            const active = e.payload?.conversation?.activeSwitchboardIntegration;
            if (active && !isAgentSide(active)) return { id: e.id, kind: 'ignored', reason: 'not from the agent workspace' };
            const text = m.content?.type === 'text' ? String(m.content.text ?? '').trim() : '';
            if (!text) return { id: e.id, kind: 'ignored', reason: 'not text' };
            return {
              id: e.id,
              kind: 'agent_message',
              externalThreadId: conversationId,
              text,
              agentName: m.author?.displayName ?? null,
              at,
            };
          }
          if (e.type === 'switchboard:releaseControl') return { id: e.id, kind: 'closed', externalThreadId: conversationId, at };
          if (e.type === 'switchboard:passControl') {
            // The event names no target: the new controller is the conversation's
            // activeSwitchboardIntegration, and a closed ticket passes control back with reason
            // ticketClosed (schema switchboardPassControl).
            const active = e.payload?.conversation?.activeSwitchboardIntegration;
            if (e.payload?.reason === 'ticketClosed' || (active && !isAgentSide(active)))
              return { id: e.id, kind: 'closed', externalThreadId: conversationId, at };
            return {
              id: e.id,
              kind: 'ignored',
              reason: active ? 'control passed to the agent workspace' : 'no active switchboard integration',
            };
          }
          return { id: e.id, kind: 'ignored', reason: `event ${String(e.type)}` };
        });
      },

      async testConnection() {
        const res = await client.request('GET', `${app}/switchboards`);
        const n = (res.json?.switchboards ?? []).length;
        return n > 0
          ? { ok: true, detail: `app ${config.app_id} reachable, ${n} switchboard(s)` }
          : { ok: false, detail: 'no switchboard on this app' };
      },

      async setup(webhookUrl) {
        const integration = await client.request('POST', `${app}/integrations`, {
          type: 'custom',
          displayName: 'Baton',
          webhooks: [{ target: webhookUrl, triggers: TRIGGERS, includeFullUser: false }],
        });
        const integrationId = String(integration.json.integration.id);
        const secret = String(integration.json.integration.webhooks?.[0]?.secret ?? '');
        const boards = await client.request('GET', `${app}/switchboards`);
        const board = boards.json?.switchboards?.[0]?.id;
        const registered = [`custom integration ${integrationId} with a webhook to ${webhookUrl} (${TRIGGERS.join(', ')})`];
        const manualSteps: string[] = [];
        if (board) {
          const swis = await client.request('GET', `${app}/switchboards/${board}/switchboardIntegrations`);
          const workspace = (swis.json?.switchboardIntegrations ?? []).find((s: any) => s.integrationType === 'zd:agentWorkspace');
          await client.request('POST', `${app}/switchboards/${board}/switchboardIntegrations`, {
            name: 'baton',
            integrationId,
            deliverStandbyEvents: true,
            ...(workspace ? { nextSwitchboardIntegrationId: workspace.id } : {}),
            messageHistoryCount: 10,
          });
          registered.push(`switchboard integration "baton" on switchboard ${board} (standby events on)`);
        } else {
          manualSteps.push('The app has no switchboard: enable Zendesk messaging for it, then run set-up again.');
        }
        manualSteps.push(
          'To have Baton answer first, make "baton" the default switchboard integration (PATCH the switchboard\'s defaultSwitchboardIntegrationId).',
        );
        // Baton's own address, from the webhook URL the set-up route built from public_url.
        const at = webhookUrl.indexOf('/api/v1/connectors/');
        const consoleUrl = at > 0 ? webhookUrl.slice(0, at) : new URL(webhookUrl).origin;
        return {
          registered,
          manualSteps,
          credentials: { webhook_secret: secret },
          config: { integration_id: integrationId, console_url: consoleUrl },
        };
      },
    };
  },
});
