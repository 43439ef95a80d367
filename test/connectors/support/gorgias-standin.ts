import { StandIn, type Recorded } from './standin.ts';

export const GG_EMAIL = 'bot@acme.test';
export const GG_KEY = 'gorgias-api-key';

export interface GgMessage {
  id: number;
  channel: string;
  via: string;
  from_agent: boolean;
  public: boolean;
  sender: { email?: string; name?: string };
  body_text: string;
  body_html?: string;
  external_id: string | null;
  created_datetime: string;
}

export interface GgTicket {
  id: number;
  body: any;
  external_id: string | null;
  status: 'open' | 'closed';
  messages: GgMessage[];
  updated_datetime: string;
}

export interface GgIntegration {
  id: number;
  name: string;
  type: string;
  http: {
    url: string;
    method: string;
    headers: Record<string, string>;
    form: Record<string, string>;
    triggers: Record<string, boolean>;
    request_content_type: string;
  };
}

// Documented shapes: message channels, trigger keys, ticket statuses, from developers.gorgias.com
// (reference/create-ticket, reference/create-ticket-message, HTTP integrations); Gorgias publishes
// no current OpenAPI document. What no vendor page backs is listed in docs/connectors.md.
const CHANNELS = new Set([
  'api',
  'email',
  'chat',
  'internal-note',
  'sms',
  'phone',
  'facebook',
  'instagram-comment',
  'help-center',
  'contact_form',
]);
const TRIGGERS = new Set(['ticket-created', 'ticket-updated', 'ticket-message-created', 'ticket-self-unsnoozed', 'ticket-message-failed']);

/**
 * Gorgias on loopback: HTTP Basic email:api_key, tickets with messages (internal notes apart),
 * list by external_id, HTTP integrations; and the integrations' deliveries back to Baton, their
 * `form` templates filled in the way Gorgias fills them, with the integration's custom headers.
 */
export class GorgiasStandIn extends StandIn {
  readonly tickets: GgTicket[] = [];
  readonly integrations: GgIntegration[] = [];
  private seq = 1000;

  constructor() {
    super((h) =>
      h.authorization === `Basic ${Buffer.from(`${GG_EMAIL}:${GG_KEY}`).toString('base64')}` ? null : `bad auth ${String(h.authorization)}`,
    );
    const bad = (r: Recorded, why: string) => {
      this.violations.push(`${r.method} ${r.path}: ${why}: ${JSON.stringify(r.body)}`);
      return { status: 400, body: { error: { msg: why } } };
    };
    this.route('GET', '/api/account', () => ({ status: 200, body: { domain: 'acme', status: { status: 'active' } } }))
      .route('GET', '/api/integrations', (r) => ({
        status: 200,
        body: {
          object: 'list',
          data: this.integrations.filter((i) => !r.query.get('type') || i.type === r.query.get('type')),
          meta: { next_cursor: null },
        },
      }))
      .route('POST', '/api/integrations', (r) => {
        const why = this.checkIntegration(r.body);
        if (why) return bad(r, why);
        const i = { id: ++this.seq, ...r.body } as GgIntegration;
        this.integrations.push(i);
        return { status: 201, body: i };
      })
      .route('PUT', '/api/integrations/:id', (r, p) => {
        const i = this.integrations.find((x) => x.id === Number(p.id));
        if (!i) return { status: 404, body: { error: { msg: 'not found' } } };
        const why = this.checkIntegration(r.body);
        if (why) return bad(r, why);
        Object.assign(i, r.body);
        return { status: 200, body: i };
      })
      .route('GET', '/api/tickets', (r) => {
        const limit = Number(r.query.get('limit') ?? 30);
        if (!(limit >= 1 && limit <= 100)) return bad(r, 'limit out of 1..100');
        const ext = r.query.get('external_id');
        const data = this.tickets
          .filter((t) => ext === null || t.external_id === ext)
          .reverse()
          .slice(0, limit);
        return { status: 200, body: { object: 'list', data: data.map((t) => this.present(t)), meta: { next_cursor: null } } };
      })
      .route('POST', '/api/tickets', (r) => {
        const b = r.body ?? {};
        if (!Array.isArray(b.messages) || b.messages.length < 1 || b.messages.length > 500) return bad(r, 'messages must have 1-500 items');
        for (const m of b.messages) {
          const why = this.checkMessage(m);
          if (why) return bad(r, why);
        }
        if (b.customer && typeof b.customer.email !== 'string' && typeof b.customer.id !== 'number')
          return bad(r, 'customer needs an email or id');
        if (b.tags && !(Array.isArray(b.tags) && b.tags.every((t: any) => typeof t?.name === 'string'))) return bad(r, 'tags are {name}');
        if (
          b.custom_fields &&
          !(Array.isArray(b.custom_fields) && b.custom_fields.every((f: any) => typeof f?.id === 'number' && 'value' in f))
        )
          return bad(r, 'custom_fields are {id, value}');
        if (b.assignee_team && typeof b.assignee_team.id !== 'number') return bad(r, 'assignee_team is {id}');
        if ('priority' in b) return bad(r, 'priority is not a documented ticket field');
        const t: GgTicket = {
          id: ++this.seq,
          body: b,
          external_id: b.external_id ?? null,
          status: 'open',
          messages: [],
          updated_datetime: new Date().toISOString(),
        };
        for (const m of b.messages) t.messages.push(this.message(m));
        this.tickets.push(t);
        return { status: 201, body: this.present(t) };
      })
      .route('POST', '/api/tickets/:id/messages', (r, p) => {
        const t = this.tickets.find((x) => x.id === Number(p.id));
        if (!t) return { status: 404, body: { error: { msg: 'not found' } } };
        const why = this.checkMessage(r.body ?? {});
        if (why) return bad(r, why);
        const m = this.message(r.body);
        t.messages.push(m);
        return { status: 201, body: { ...m, ticket_id: t.id } };
      })
      .route('PUT', '/api/tickets/:id', (r, p) => {
        const t = this.tickets.find((x) => x.id === Number(p.id));
        if (!t) return { status: 404, body: { error: { msg: 'not found' } } };
        if (r.body?.status !== undefined && !['open', 'closed'].includes(r.body.status)) return bad(r, 'status is open or closed');
        if (r.body?.status) t.status = r.body.status;
        t.updated_datetime = new Date().toISOString();
        return { status: 200, body: this.present(t) };
      });
  }

  private checkIntegration(b: any): string | null {
    if (!b || typeof b.name !== 'string' || b.type !== 'http' || !b.http) return 'an HTTP integration needs name, type "http" and http';
    const h = b.http;
    if (typeof h.url !== 'string' || !/^https?:\/\//.test(h.url) || !['GET', 'POST', 'PUT', 'DELETE'].includes(h.method))
      return 'http.url and http.method';
    if (!h.triggers || !Object.keys(h.triggers).length || Object.keys(h.triggers).some((k) => !TRIGGERS.has(k)))
      return 'http.triggers keys';
    if (h.request_content_type !== 'application/json' || typeof h.form !== 'object') return 'http.form as JSON';
    return null;
  }

  private checkMessage(m: any): string | null {
    if (typeof m.channel !== 'string' || typeof m.from_agent !== 'boolean' || typeof m.via !== 'string')
      return 'a message needs channel, from_agent and via';
    if (!CHANNELS.has(m.channel)) return `unknown channel ${m.channel}`;
    if (!m.sender || typeof m.sender.email !== 'string') return 'a message needs a sender';
    if (m.channel === 'internal-note' && !m.from_agent) return 'an internal note is from an agent';
    if (typeof m.body_text !== 'string' && typeof m.body_html !== 'string') return 'a message needs a body';
    // Create a message: without sent_datetime it is sent to the recipients; with it, recorded as
    // already sent; internal notes are never sent (developers.gorgias.com/reference/create-ticket-message).
    if (m.channel !== 'internal-note' && typeof m.sent_datetime !== 'string')
      return 'a message without sent_datetime is sent to its recipients';
    if (m.sent_datetime !== undefined && Number.isNaN(Date.parse(m.sent_datetime))) return 'sent_datetime is a date-time';
    return null;
  }

  private message(m: any): GgMessage {
    return {
      id: ++this.seq,
      channel: m.channel,
      via: m.via,
      from_agent: m.from_agent,
      public: m.channel !== 'internal-note',
      sender: m.sender,
      body_text: m.body_text ?? '',
      ...(m.body_html ? { body_html: m.body_html } : {}),
      external_id: m.external_id ?? null,
      created_datetime: new Date().toISOString(),
    };
  }

  private present(t: GgTicket) {
    return {
      id: t.id,
      external_id: t.external_id,
      status: t.status,
      channel: t.body.channel,
      subject: t.body.subject,
      updated_datetime: t.updated_datetime,
    };
  }

  /** An agent typing a public reply in Gorgias: the message, and what the message hook posts. */
  agentReply(t: GgTicket, text: string, name = 'Riley') {
    const m = this.message({
      channel: 'email',
      via: 'helpdesk',
      from_agent: true,
      sender: { email: 'riley@acme.test', name },
      body_text: text,
    });
    t.messages.push(m);
    return this.delivery('ticket-message-created', t, m);
  }

  /** An agent closing the ticket in Gorgias: what the update hook posts. */
  agentCloses(t: GgTicket) {
    t.status = 'closed';
    t.updated_datetime = new Date().toISOString();
    return this.delivery('ticket-updated', t);
  }

  /** The body the integration subscribed to `trigger` posts, its template filled in. */
  delivery(trigger: string, t: GgTicket, m?: GgMessage): Record<string, string> {
    const i = this.integrationFor(trigger);
    const ctx: Record<string, any> = { ticket: this.present(t), message: m ?? {} };
    const fill = (tpl: string) =>
      tpl.replace(/\{\{\s*([a-z_.]+)\s*\}\}/gi, (_s, path: string) => {
        const v = path.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), ctx);
        return v === undefined || v === null ? '' : String(v);
      });
    return Object.fromEntries(Object.entries(i.http.form).map(([k, v]) => [k, fill(v)]));
  }

  integrationFor(trigger: string): GgIntegration {
    const i = this.integrations.find((x) => x.http.triggers[trigger]);
    if (!i) throw new Error(`no integration subscribed to ${trigger}`);
    return i;
  }

  /** Posts like Gorgias: to the integration's URL, with its custom headers (or a forged secret). */
  async send(payload: unknown, opts: { trigger?: string; secret?: string } = {}) {
    const i = this.integrationFor(opts.trigger ?? 'ticket-message-created');
    const headers: Record<string, string> = { 'content-type': 'application/json', ...i.http.headers };
    if (opts.secret !== undefined) for (const k of Object.keys(i.http.headers)) headers[k] = opts.secret;
    const res = await fetch(i.http.url, { method: i.http.method, headers, body: JSON.stringify(payload) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}
