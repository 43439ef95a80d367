import { createHmac, randomBytes } from 'node:crypto';
import { StandIn, type Recorded } from './standin.ts';

export const KU_KEY = 'kustomer-api-key';

const oid = () => randomBytes(12).toString('hex');

export interface KuConversation {
  id: string;
  customerId: string;
  body: any;
  externalId: string | null;
  status: 'open' | 'snoozed' | 'done';
  tags: string[];
  notes: { id: string; body: string }[];
  messages: KuMessage[];
}

export interface KuMessage {
  id: string;
  direction: 'in' | 'out';
  channel: string;
  preview: string;
  externalId: string | null;
  createdBy: string;
  createdAt: string;
  auto: boolean;
}

// Documented shapes, from developer.kustomer.com (docs/concepts/conversations-and-messages:
// priority 1-5, status open|snoozed|done, at most 10 assigned teams/users, typed custom attribute
// suffixes; docs/events/outbound-webhooks: at most 12 subscribed events, hex HMAC-SHA256 keyed by
// the webhook's token; docs/concepts/rate-limits). Kustomer publishes no OpenAPI document.
const SUFFIX = /(Num|At|Str|Txt|Bool|Url)$/;
const EVENTS = [
  'kustomer.conversation.create',
  'kustomer.conversation.update',
  'kustomer.customer.create',
  'kustomer.customer.update',
  'kustomer.message.create',
  'kustomer.message.update',
  'kustomer.user.create',
  'kustomer.user.update',
  'kustomer.team.create',
  'kustomer.team.update',
  'kustomer.tag.create',
  'kustomer.tag.update',
];
const API_USER = 'u_api_key';
const CHANNELS = ['email', 'sms', 'chat', 'facebook', 'twitter-dm', 'twitter-tweet', 'voice', 'instagram', 'whatsapp'];

/**
 * Kustomer on loopback: Bearer API key, JSON:API-style records (`data.attributes`), lookups by
 * external id (404 when none), per-minute limits answered as 429 with x-ratelimit-* headers;
 * and outbound webhook deliveries signed with hex HMAC-SHA256 keyed by the webhook's token.
 */
export class KustomerStandIn extends StandIn {
  readonly customers: { id: string; externalId: string; name: string; emails?: { email: string }[] }[] = [];
  readonly conversations: KuConversation[] = [];
  readonly webhooks: {
    id: string;
    name: string;
    url: string;
    events: string[];
    headers: { name: string; value: string }[];
    token: string;
  }[] = [];
  /** The next N calls matching get Kustomer's 429: x-ratelimit-reset (epoch seconds) this far ahead. */
  limit: { count: number; resetInSeconds: number; match?: (r: Recorded) => boolean } | null = null;
  private evt = 0;

  constructor() {
    super((h) => (h.authorization === `Bearer ${KU_KEY}` ? null : `bad auth ${String(h.authorization)}`));
    const bad = (r: Recorded, why: string) => {
      this.violations.push(`${r.method} ${r.path}: ${why}: ${JSON.stringify(r.body)}`);
      return { status: 400, body: { errors: [{ status: 400, title: why }] } };
    };
    const notFound = { status: 404, body: { errors: [{ status: 404, title: 'Not Found' }] } };
    const conv = (id: string) => this.conversations.find((c) => c.id === id);
    this.route('GET', '/v1/outbound-webhooks/events', () => ({ status: 200, body: { events: EVENTS } }))
      .route('POST', '/v1/outbound-webhooks', (r) => {
        const b = r.body ?? {};
        if (typeof b.name !== 'string' || typeof b.url !== 'string' || !Array.isArray(b.events) || !b.events.length)
          return bad(r, 'name, url and events are required');
        if (b.events.length > 12 || b.events.some((e: string) => !EVENTS.includes(e))) return bad(r, 'unknown or too many events');
        if (
          b.headers !== undefined &&
          !(Array.isArray(b.headers) && b.headers.every((x: any) => typeof x.name === 'string' && typeof x.value === 'string'))
        )
          return bad(r, 'headers are {name, value}');
        const hook = {
          id: oid(),
          name: b.name,
          url: b.url,
          events: b.events,
          headers: b.headers ?? [],
          token: randomBytes(20).toString('hex'),
        };
        this.webhooks.push(hook);
        return {
          status: 201,
          body: {
            data: {
              type: 'outbound_webhook',
              id: hook.id,
              attributes: { name: hook.name, url: hook.url, events: hook.events, token: hook.token },
            },
          },
        };
      })
      .route('GET', '/v1/customers/externalId=:ext', (_r, p) => {
        const c = this.customers.find((x) => x.externalId === p.ext);
        return c
          ? { status: 200, body: { data: { type: 'customer', id: c.id, attributes: { externalId: c.externalId, name: c.name } } } }
          : notFound;
      })
      .route('POST', '/v1/customers', (r) => {
        const b = r.body ?? {};
        if (
          typeof b.externalId !== 'string' ||
          (b.emails && !(Array.isArray(b.emails) && b.emails.every((e: any) => typeof e.email === 'string')))
        )
          return bad(r, 'customer shape');
        if (this.customers.some((c) => c.externalId === b.externalId))
          return { status: 409, body: { errors: [{ status: 409, title: 'externalId taken' }] } };
        const c = { id: oid(), externalId: b.externalId, name: b.name, emails: b.emails };
        this.customers.push(c);
        return { status: 201, body: { data: { type: 'customer', id: c.id, attributes: { externalId: c.externalId, name: c.name } } } };
      })
      .route('GET', '/v1/conversations/externalId=:ext', (_r, p) => {
        const c = this.conversations.find((x) => x.externalId === p.ext);
        return c ? { status: 200, body: this.present(c) } : notFound;
      })
      .route('POST', '/v1/customers/:id/conversations', (r, p) => {
        const b = r.body ?? {};
        if (!this.customers.some((c) => c.id === p.id)) return notFound;
        if (b.priority !== undefined && !(Number.isInteger(b.priority) && b.priority >= 1 && b.priority <= 5))
          return bad(r, 'priority is 1-5');
        if (b.status !== undefined && !['open', 'snoozed', 'done'].includes(b.status)) return bad(r, 'status');
        if (b.direction !== undefined && !['in', 'out'].includes(b.direction)) return bad(r, 'direction');
        for (const k of ['assignedTeams', 'assignedUsers'])
          if (b[k] !== undefined && !(Array.isArray(b[k]) && b[k].length <= 10)) return bad(r, `${k}: up to 10 ids`);
        if (b.queue !== undefined && typeof b.queue?.id !== 'string') return bad(r, 'queue is {id}');
        for (const [k, v] of Object.entries(b.custom ?? {})) {
          if (!SUFFIX.test(k)) return bad(r, `custom attribute ${k} has no type suffix`);
          if (k.endsWith('Num') && typeof v !== 'number') return bad(r, `${k} is a number`);
          if (/(Str|Txt)$/.test(k) && !(typeof v === 'string' && v.length <= 1024)) return bad(r, `${k} is a string up to 1024`);
        }
        const c: KuConversation = {
          id: oid(),
          customerId: p.id!,
          body: b,
          externalId: b.externalId ?? null,
          status: b.status ?? 'open',
          tags: [],
          notes: [],
          messages: [],
        };
        this.conversations.push(c);
        return { status: 201, body: this.present(c) };
      })
      .route('POST', '/v1/conversations/:id/messages', (r, p) => {
        const c = conv(p.id!);
        if (!c) return notFound;
        const b = r.body ?? {};
        if (!['in', 'out'].includes(b.direction) || typeof b.channel !== 'string' || typeof b.preview !== 'string')
          return bad(r, 'a message needs direction, channel and preview');
        // Create message: a recorded message is an email, SMS, chat, Facebook, Twitter DM or Tweet,
        // voice, Instagram or WhatsApp interaction (developer.kustomer.com/api/core-resources/create-message).
        if (!CHANNELS.includes(b.channel)) return bad(r, `channel ${String(b.channel)} is not one Kustomer records`);
        const m: KuMessage = {
          id: oid(),
          direction: b.direction,
          channel: b.channel,
          preview: b.preview,
          externalId: b.externalId ?? null,
          createdBy: API_USER,
          createdAt: new Date().toISOString(),
          auto: false,
        };
        c.messages.push(m);
        return { status: 201, body: { data: { type: 'message', id: m.id, attributes: m } } };
      })
      .route('POST', '/v1/conversations/:id/notes', (r, p) => {
        const c = conv(p.id!);
        if (!c) return notFound;
        if (typeof r.body?.body !== 'string' || !r.body.body) return bad(r, 'a note needs a body');
        const n = { id: oid(), body: r.body.body };
        c.notes.push(n);
        return { status: 201, body: { data: { type: 'note', id: n.id, attributes: { body: n.body } } } };
      })
      .route('POST', '/v1/conversations/:id/tags', (r, p) => {
        const c = conv(p.id!);
        if (!c) return notFound;
        if (!Array.isArray(r.body) || !r.body.every((t: unknown) => typeof t === 'string')) return bad(r, 'tags are a list of names');
        for (const t of r.body) if (!c.tags.includes(t)) c.tags.push(t);
        return { status: 200, body: this.present(c) };
      })
      .route('PATCH', '/v1/conversations/:id', (r, p) => {
        const c = conv(p.id!);
        if (!c) return notFound;
        if (r.body?.status !== undefined && !['open', 'snoozed', 'done'].includes(r.body.status)) return bad(r, 'status');
        if (r.body?.status) c.status = r.body.status;
        return { status: 200, body: this.present(c) };
      });
  }

  override route(method: string, path: string, handler: Parameters<StandIn['route']>[2]): this {
    return super.route(method, path, (r, p) => {
      const l = this.limit;
      if (l && l.count > 0 && (!l.match || l.match(r))) {
        l.count--;
        const reset = String(Math.ceil(Date.now() / 1000) + l.resetInSeconds);
        return {
          status: 429,
          body: { errors: [{ status: 429, title: 'Too Many Requests' }] },
          headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        };
      }
      return handler(r, p);
    });
  }

  private present(c: KuConversation) {
    return {
      data: {
        type: 'conversation',
        id: c.id,
        attributes: {
          name: c.body.name,
          externalId: c.externalId,
          status: c.status,
          priority: c.body.priority,
          tags: c.tags,
          assignedTeams: c.body.assignedTeams ?? [],
        },
        relationships: { customer: { data: { type: 'customer', id: c.customerId } } },
      },
    };
  }

  private envelope(name: string, data: unknown, changes: unknown = null) {
    return {
      id: `evt_${++this.evt}_${oid()}`,
      name,
      org: 'org_acme',
      partition: 'org_acme',
      data,
      changes,
      createdAt: new Date().toISOString(),
    };
  }

  /** The message.create event for a message on the conversation's timeline. */
  messageEvent(c: KuConversation, m: KuMessage) {
    return this.envelope('kustomer.message.create', {
      type: 'message',
      id: m.id,
      attributes: {
        direction: m.direction,
        channel: m.channel,
        preview: m.preview,
        externalId: m.externalId,
        auto: m.auto,
        createdAt: m.createdAt,
      },
      relationships: { conversation: { data: { type: 'conversation', id: c.id } }, createdBy: { data: { type: 'user', id: m.createdBy } } },
    });
  }

  /** An agent replying in Kustomer: the out message and its event. */
  agentReply(c: KuConversation, text: string) {
    const m: KuMessage = {
      id: oid(),
      direction: 'out',
      channel: 'chat',
      preview: text,
      externalId: null,
      createdBy: 'u_riley',
      createdAt: new Date().toISOString(),
      auto: false,
    };
    c.messages.push(m);
    return this.messageEvent(c, m);
  }

  /** conversation.update: the status change to done (or, with `to` unchanged, some other edit). */
  update(c: KuConversation, change: { status?: 'open' | 'done'; tags?: string[] }) {
    const before = c.status;
    if (change.status) c.status = change.status;
    const changes: Record<string, unknown> = {};
    if (change.status && change.status !== before) changes.status = { before, after: change.status };
    if (change.tags) changes.tags = { before: c.tags, after: change.tags };
    return this.envelope(
      'kustomer.conversation.update',
      { ...this.present(c).data, attributes: { ...this.present(c).data.attributes, updatedAt: new Date().toISOString() } },
      { attributes: changes },
    );
  }

  /** Posts like Kustomer: to the webhook URL, with its event header and signature (or a forged one). */
  async send(payload: any, opts: { token?: string } = {}) {
    const hook = this.webhooks.at(-1);
    if (!hook) throw new Error('no outbound webhook registered');
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-kustomer-webhook-event': Array.isArray(payload) ? String(payload[0]?.name) : String(payload.name),
      'x-kustomer-webhook-signature': createHmac('sha256', opts.token ?? hook.token)
        .update(body)
        .digest('hex'),
      ...Object.fromEntries(hook.headers.map((x) => [x.name, x.value])),
    };
    const res = await fetch(hook.url, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}
