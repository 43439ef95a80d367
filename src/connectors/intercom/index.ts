import { z } from 'zod';
import { defineConnector, SignatureError, type HandoffTicket, type InboundEvent, type InboundRequest, type ThreadRef } from '../types.ts';
import { handoffTags, htmlToText } from '../render.ts';
import { hmac, header, parseJsonBody, safeEqual } from '../verify.ts';

// Intercom (REST API 2.14): a contact-initiated conversation per handoff, the brief as an admin
// note, tags (priority degrades to a tag: it is read-only before the Preview API), assignment to
// a team; agent replies back through webhook topics signed with X-Hub-Signature (HMAC-SHA1).
// Shapes: Intercom's OpenAPI description v2.14 (test/connectors/specs/intercom), docs/connectors.md.

const REGIONS = { us: 'https://api.intercom.io', eu: 'https://api.eu.intercom.io', au: 'https://api.au.intercom.io' } as const;

const Config = z.object({
  region: z.enum(['us', 'eu', 'au']).default('us'),
  base_url: z.string().url().optional(),
  allow_private_network: z.boolean().default(false),
  version: z.string().default('2.14'),
  /** The teammate (admin) the bot acts as: authors notes, tags and assignments; its parts are echoes. */
  admin_id: z.string().min(1),
  /** Baton team id or name -> Intercom team id. */
  team_map: z.record(z.string(), z.string()).default({}),
  default_team_id: z.string().optional(),
  /** Set when the conversation data attributes baton_handoff_id, baton_intent, baton_confidence exist. */
  custom_attributes: z.boolean().default(false),
});

const Credentials = z.object({
  access_token: z.string().min(1),
  /** The app's client secret: the key of X-Hub-Signature. */
  client_secret: z.string().min(1).optional(),
});

type Progress = {
  contact_id?: string;
  create_started_at?: number;
  note?: boolean;
  attributes?: boolean;
  tags?: string[];
  assigned?: boolean;
};

export const TOPICS = ['conversation.admin.replied', 'conversation.admin.closed'];

export const intercom = defineConnector({
  vendor: 'intercom',
  displayName: 'Intercom',
  capabilities: {
    internalNotes: true,
    nativePriority: false,
    nativeIdempotency: false,
    webhookSetup: 'manual',
    // Enforced per 10 s windows; 10,000/min per app by default. A conservative share.
    rateLimit: { requests: 150, perMs: 10_000 },
  },
  configSchema: Config,
  credentialsSchema: Credentials,
  baseUrl: (c) => c.base_url ?? REGIONS[c.region],
  authHeaders: (s, c) => ({ authorization: `Bearer ${s.access_token}`, 'intercom-version': c.version }),
  create: ({ config, credentials, client }) => {
    const admin_id = config.admin_id;

    /**
     * The contact Baton made for this customer before. Customers Baton knows by an external id are
     * users; anonymous ones are leads, and "Get a contact by External ID" only supports users, not
     * leads (v2.14): leads are searched by external_id and role. Search may miss a contact made a
     * few minutes ago (the spec's "Contact Creation Delay"); within one handoff the id is kept.
     */
    async function findContact(externalId: string, role: 'user' | 'lead'): Promise<string | null> {
      if (role === 'user') {
        const found = await client.request('GET', `/contacts/find_by_external_id/${encodeURIComponent(externalId)}`, undefined, {
          accept: [404],
        });
        return found.status === 200 && found.json?.id ? String(found.json.id) : null;
      }
      const found = await client.request('POST', '/contacts/search', {
        query: {
          operator: 'AND',
          value: [
            { field: 'external_id', operator: '=', value: externalId },
            { field: 'role', operator: '=', value: role },
          ],
        },
      });
      const hit = ((found.json?.data ?? []) as { id?: unknown; external_id?: unknown }[]).find((c) => c.external_id === externalId);
      return hit?.id ? String(hit.id) : null;
    }

    async function findOrCreateContact(t: HandoffTicket): Promise<string> {
      const externalId = t.customer.externalId ?? `baton_${t.customer.id}`;
      const role = t.customer.externalId ? 'user' : 'lead';
      const found = await findContact(externalId, role);
      if (found) return found;
      const created = await client.request('POST', '/contacts', {
        role,
        external_id: externalId,
        ...(t.customer.email ? { email: t.customer.email } : {}),
        ...(t.customer.name ? { name: t.customer.name } : {}),
      });
      return String(created.json.id);
    }

    return {
      async handoff(t, progress, save): Promise<ThreadRef> {
        const data = { ...(progress.data as Progress) };
        let externalId = progress.externalId;
        const step = async (patch: Partial<Progress>, id: string | null = externalId) => {
          Object.assign(data, patch);
          await save({ externalId: id, data });
        };
        if (!data.contact_id) await step({ contact_id: await findOrCreateContact(t) });
        const contactId = data.contact_id!;

        if (!externalId) {
          // Intercom has no idempotency key: an earlier attempt that may have created the
          // conversation left create_started_at; look for it before creating another.
          if (data.create_started_at) {
            const search = await client.request('POST', '/conversations/search', {
              query: {
                operator: 'AND',
                value: [
                  { field: 'contact_ids', operator: '=', value: contactId },
                  { field: 'created_at', operator: '>', value: data.create_started_at - 1 },
                ],
              },
            });
            const hit = search.json?.conversations?.[0];
            if (hit?.id) externalId = String(hit.id);
          }
          if (!externalId) {
            await step({ create_started_at: Math.floor(Date.now() / 1000) }, null);
            const lines = t.transcript.filter((m) => m.author === 'customer').map((m) => m.text);
            const created = await client.request('POST', '/conversations', {
              from: { type: t.customer.externalId ? 'user' : 'lead', id: contactId },
              body: lines.join('\n\n') || t.subject,
            });
            externalId = String(created.json?.conversation_id ?? created.json?.id);
          }
          await step({}, externalId);
        }
        const path = `/conversations/${externalId}`;

        if (!data.note) {
          await client.request('POST', `${path}/reply`, { message_type: 'note', type: 'admin', admin_id, body: t.briefHtml });
          await step({ note: true });
        }
        if (config.custom_attributes && !data.attributes) {
          await client.request('PUT', path, {
            custom_attributes: {
              baton_handoff_id: t.handoffId,
              ...(t.intent ? { baton_intent: t.intent } : {}),
              ...(t.confidence !== null ? { baton_confidence: t.confidence } : {}),
            },
          });
          await step({ attributes: true });
        }
        const done = new Set(data.tags ?? []);
        for (const name of [...handoffTags(t, { priorityAsTag: true }), ...t.tags]) {
          if (done.has(name)) continue;
          const tag = await client.request('POST', '/tags', { name });
          await client.request('POST', `${path}/tags`, { id: String(tag.json.id), admin_id });
          done.add(name);
          await step({ tags: [...done] });
        }
        const team = (t.team && (config.team_map[t.team.id] ?? config.team_map[t.team.name])) ?? config.default_team_id;
        if (team && !data.assigned) {
          await client.request('POST', `${path}/parts`, { message_type: 'assignment', type: 'team', admin_id, assignee_id: team });
          await step({ assigned: true });
        }
        return { externalId, data };
      },

      async appendCustomerMessage(ref, line) {
        const contactId = (ref.data as Progress).contact_id;
        await client.request('POST', `/conversations/${ref.externalId}/reply`, {
          message_type: 'comment',
          type: 'user',
          intercom_user_id: contactId,
          body: line.text,
        });
      },

      async close(ref) {
        await client.request('POST', `/conversations/${ref.externalId}/parts`, { message_type: 'close', type: 'admin', admin_id });
      },

      verify(req: InboundRequest) {
        const secret = credentials.client_secret;
        const given = header(req, 'x-hub-signature');
        if (!secret || !given) throw new SignatureError('missing signature');
        if (!safeEqual(`sha1=${hmac('sha1', secret, req.rawBody, 'hex')}`, given)) throw new SignatureError('bad signature');
      },

      parse(req: InboundRequest): InboundEvent[] {
        const body = parseJsonBody(req);
        const items: any[] = Array.isArray(body) ? body : [body];
        return items.map((n): InboundEvent => {
          if (!n || n.type !== 'notification_event' || typeof n.id !== 'string')
            return { id: 'invalid', kind: 'ignored', reason: 'not an Intercom notification' };
          const item = n.data?.item ?? {};
          const conversationId = String(item.id ?? '');
          const at = typeof n.created_at === 'number' ? new Date(n.created_at * 1000) : null;
          if (n.topic === 'conversation.admin.replied') {
            const parts: any[] = item.conversation_parts?.conversation_parts ?? [];
            const part = [...parts].reverse().find((p) => p.part_type === 'comment' && p.author?.type === 'admin');
            if (!part) return { id: n.id, kind: 'ignored', reason: 'no admin comment in the notification' };
            if (String(part.author.id) === admin_id) return { id: n.id, kind: 'ignored', reason: 'our own part' };
            const text = htmlToText(String(part.body ?? ''));
            if (!text) return { id: n.id, kind: 'ignored', reason: 'empty reply' };
            // The part id dedupes a reply Intercom notified twice under two notification ids.
            return {
              id: `part:${part.id ?? n.id}`,
              kind: 'agent_message',
              externalThreadId: conversationId,
              text,
              agentName: part.author.name ?? null,
              at,
            };
          }
          if (n.topic === 'conversation.admin.closed') return { id: n.id, kind: 'closed', externalThreadId: conversationId, at };
          return { id: n.id, kind: 'ignored', reason: `topic ${String(n.topic)}` };
        });
      },

      async testConnection() {
        const me = await client.request('GET', '/me');
        if (!me.json?.id) return { ok: false, detail: 'no admin behind this token' };
        return { ok: true, detail: `authenticated as Intercom admin ${me.json.id} in workspace ${me.json.app?.id_code ?? '?'}` };
      },

      async setup(webhookUrl) {
        await client.request('GET', '/me');
        return {
          registered: [],
          manualSteps: [
            'Intercom Developer Hub > your app > Webhooks: set the endpoint URL to ' + webhookUrl,
            `Subscribe to the topics ${TOPICS.join(' and ')} (the app needs the "Read conversations" permission).`,
            'Developer Hub > your app > Basic information: copy the Client secret and save it as credentials.client_secret of this connector (it keys X-Hub-Signature).',
            ...(config.custom_attributes
              ? []
              : [
                  'Optional: Settings > Data > Conversation data: create baton_handoff_id (text), baton_intent (text), baton_confidence (decimal), then set config.custom_attributes to true.',
                ]),
          ],
        };
      },
    };
  },
});
