import { createHmac } from 'node:crypto';
import { StandIn, type Recorded } from './standin.ts';

export const ZD_EMAIL = 'bot@acme.test';
export const ZD_TOKEN = 'zd-token-123';
export const ZD_API_USER = 900;
const EXPECTED_AUTH = `Basic ${Buffer.from(`${ZD_EMAIL}/token:${ZD_TOKEN}`).toString('base64')}`;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

export interface ZdTicket {
  id: number;
  external_id: string;
  subject: string;
  requester_id: number;
  group_id?: number;
  priority: string;
  status: string;
  tags: string[];
  custom_fields?: { id: number; value: unknown }[];
  comments: { id: number; body: string; public: boolean; author_id: number }[];
}

/**
 * Zendesk Support on loopback, shaped after developer.zendesk.com (Tickets and their Idempotency-Key,
 * Ticket comments, Verifying webhook authenticity, webhook event types; docs/connectors.md lists
 * what no vendor page backs, e.g. the comment_added fields and ?external_id=): Basic
 * email/token auth, tickets with Idempotency-Key on create, external_id lookup, comments via
 * PUT, webhooks with a signing secret; and it sends signed webhooks back.
 */
export class ZendeskStandIn extends StandIn {
  readonly tickets: ZdTicket[] = [];
  readonly idempotency = new Map<string, number>();
  signingSecret = 'zd-signing-secret';
  webhookEndpoint: string | null = null;
  private seq = 1000;
  private eventSeq = 0;

  constructor() {
    super((h) => (h.authorization === EXPECTED_AUTH ? null : `bad auth header ${String(h.authorization)}`));
    this.route('GET', '/api/v2/users/me.json', () => ({ status: 200, body: { user: { id: ZD_API_USER, role: 'admin', email: ZD_EMAIL } } }))
      // UNVERIFIED: no vendor page found for filtering the ticket list by external_id (docs/connectors.md).
      .route('GET', '/api/v2/tickets', (r) => ({
        status: 200,
        body: { tickets: this.tickets.filter((t) => t.external_id === r.query.get('external_id')) },
      }))
      .route('POST', '/api/v2/tickets', (r) => this.create(r))
      .route('PUT', '/api/v2/tickets/:id', (r, p) => this.update(r, Number(p.id)))
      .route('POST', '/api/v2/webhooks', (r) => {
        const w = r.body?.webhook;
        if (
          !w ||
          typeof w.endpoint !== 'string' ||
          w.http_method !== 'POST' ||
          w.request_format !== 'json' ||
          !Array.isArray(w.subscriptions)
        ) {
          this.violations.push('webhook create: bad body');
          return { status: 400, body: { error: 'invalid' } };
        }
        this.webhookEndpoint = w.endpoint;
        return { status: 201, body: { webhook: { id: '01HWEBHOOK', ...w } } };
      })
      .route('GET', '/api/v2/webhooks/:id/signing_secret', () => ({
        status: 200,
        body: { signing_secret: { secret: this.signingSecret, algorithm: 'SHA256' } },
      }));
  }

  private create(r: Recorded) {
    const key = r.headers['idempotency-key'];
    if (typeof key !== 'string') this.violations.push('ticket create without Idempotency-Key');
    const t = r.body?.ticket;
    const problems: string[] = [];
    if (!t || typeof t.subject !== 'string') problems.push('subject');
    if (!t?.comment || typeof t.comment.body !== 'string' || t.comment.public !== false) problems.push('comment must be a private note');
    if (!t?.requester || typeof t.requester.name !== 'string') problems.push('requester.name');
    if (typeof t?.external_id !== 'string') problems.push('external_id');
    if (!PRIORITIES.includes(t?.priority)) problems.push('priority');
    if (!Array.isArray(t?.tags) || t.tags.some((x: unknown) => typeof x !== 'string' || /\s/.test(String(x)))) problems.push('tags');
    if (t?.group_id !== undefined && typeof t.group_id !== 'number') problems.push('group_id');
    if (problems.length) {
      this.violations.push(`ticket create: ${problems.join(', ')}`);
      return { status: 422, body: { error: 'RecordInvalid', details: problems } };
    }
    if (typeof key === 'string' && this.idempotency.has(key)) {
      const existing = this.tickets.find((x) => x.id === this.idempotency.get(key))!;
      return { status: 201, body: { ticket: existing }, headers: { 'x-idempotency-lookup': 'hit' } };
    }
    const ticket: ZdTicket = {
      id: ++this.seq,
      external_id: t.external_id,
      subject: t.subject,
      requester_id: 5000 + this.seq,
      group_id: t.group_id,
      priority: t.priority,
      status: 'new',
      tags: t.tags,
      custom_fields: t.custom_fields,
      comments: [{ id: ++this.seq, body: t.comment.body, public: false, author_id: ZD_API_USER }],
    };
    this.tickets.push(ticket);
    if (typeof key === 'string') this.idempotency.set(key, ticket.id);
    return { status: 201, body: { ticket }, headers: { 'x-idempotency-lookup': 'miss' } };
  }

  private update(r: Recorded, id: number) {
    const ticket = this.tickets.find((t) => t.id === id);
    if (!ticket) return { status: 404, body: { error: 'RecordNotFound' } };
    const t = r.body?.ticket;
    if (!t || (t.comment === undefined && t.status === undefined)) {
      this.violations.push('ticket update: nothing to update');
      return { status: 422, body: { error: 'invalid' } };
    }
    if (t.comment) {
      if (typeof t.comment.body !== 'string' || typeof t.comment.public !== 'boolean') this.violations.push('ticket update: bad comment');
      ticket.comments.push({
        id: ++this.seq,
        body: t.comment.body,
        public: t.comment.public,
        author_id: t.comment.author_id ?? ZD_API_USER,
      });
    }
    if (t.status) ticket.status = t.status;
    return { status: 200, body: { ticket } };
  }

  // Webhooks back to Baton (the official envelope of zen:event-type events).

  commentAdded(ticket: ZdTicket, body: string, opts: { public?: boolean; staff?: boolean; authorId?: number; name?: string } = {}) {
    const comment = { id: ++this.seq, body, public: opts.public ?? true, author_id: opts.authorId ?? 777 };
    ticket.comments.push(comment);
    // The envelope follows developer.zendesk.com (webhook event types); the comment fields inside
    // are UNVERIFIED (no vendor example found; docs/connectors.md).
    return this.event('zen:event-type:ticket.comment_added', ticket, {
      comment: {
        id: comment.id,
        body,
        is_public: comment.public,
        author: { id: comment.author_id, is_staff: opts.staff ?? true, name: opts.name ?? 'Sam Agent' },
      },
    });
  }

  statusChanged(ticket: ZdTicket, current: string) {
    const previous = ticket.status.toUpperCase();
    ticket.status = current.toLowerCase();
    return this.event('zen:event-type:ticket.status_changed', ticket, { current, previous });
  }

  private event(type: string, ticket: ZdTicket, event: Record<string, unknown>) {
    return {
      account_id: 1,
      detail: { id: String(ticket.id), external_id: ticket.external_id, status: ticket.status.toUpperCase() },
      event,
      id: `01HEVT${String(++this.eventSeq).padStart(6, '0')}`,
      subject: `zen:ticket:${ticket.id}`,
      time: new Date().toISOString(),
      type,
      zendesk_event_version: '2022-11-06',
    };
  }

  /** Posts a signed webhook to the endpoint Baton registered. */
  async send(payload: unknown, opts: { secret?: string; timestamp?: string } = {}): Promise<{ status: number; body: any }> {
    const body = JSON.stringify(payload);
    const timestamp = opts.timestamp ?? new Date().toISOString();
    const signature = createHmac('sha256', opts.secret ?? this.signingSecret)
      .update(timestamp + body)
      .digest('base64');
    const res = await fetch(this.webhookEndpoint!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature': signature,
        'x-zendesk-webhook-signature-timestamp': timestamp,
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}
