import { createHmac, randomBytes } from 'node:crypto';
import { StandIn } from './standin.ts';
import { OpenApiSpec, specPath } from './openapi.ts';

export const IC_TOKEN = 'ic-token-xyz';
export const IC_CLIENT_SECRET = 'ic-client-secret';
export const IC_ADMIN = '991';
export const IC_SPEC = new OpenApiSpec(specPath('intercom/api.intercom.io.v2.14.yaml'));

export interface IcConversation {
  id: string;
  contact_id: string;
  created_at: number;
  parts: { id: string; part_type: string; message_type?: string; body: string; author: { type: string; id: string } }[];
  tags: string[];
  team_assignee_id: string | null;
  state: string;
  custom_attributes: Record<string, unknown>;
}

const hex24 = () => randomBytes(12).toString('hex');

/**
 * Intercom on loopback. Every request is validated against Intercom's published OpenAPI
 * description (v2.14, test/connectors/specs/intercom); auth is Bearer plus Intercom-Version
 * (securitySchemes.bearerAuth, the Intercom-Version header parameter). What it answers follows
 * the same document: "Get a contact by External ID" finds users only ("this endpoint only
 * supports users and not leads"), and leads are found with "Search contacts".
 */
export class IntercomStandIn extends StandIn {
  readonly contacts: { id: string; external_id: string; role: string }[] = [];
  readonly conversations: IcConversation[] = [];
  readonly tags = new Map<string, string>();
  private notif = 0;

  constructor() {
    super((h) => {
      if (h.authorization !== `Bearer ${IC_TOKEN}`) return `bad auth ${String(h.authorization)}`;
      if (h['intercom-version'] !== '2.14') return `bad Intercom-Version ${String(h['intercom-version'])}`;
      return null;
    }, IC_SPEC);
    const conv = (id: string) => this.conversations.find((c) => c.id === id);
    this.route('GET', '/me', () => ({ status: 200, body: { type: 'admin', id: IC_ADMIN, app: { id_code: 'acme1' } } }))
      .route('GET', '/contacts/find_by_external_id/:ext', (r, p) => {
        const c = this.contacts.find((x) => x.external_id === p.ext && x.role === 'user');
        return c
          ? { status: 200, body: { type: 'contact', ...c } }
          : { status: 404, body: { type: 'error.list', errors: [{ code: 'not_found' }] } };
      })
      .route('POST', '/contacts/search', (r) => {
        // Equality filters joined with AND: what the connector sends; anything else is not modelled.
        const q = r.body?.query ?? {};
        const filters: { field: string; operator: string; value: unknown }[] = q.operator === 'AND' ? q.value : [q];
        if (!filters.every((f) => f.operator === '=' && ['external_id', 'role', 'email'].includes(f.field)))
          return { status: 400, body: { type: 'error.list', errors: [{ code: 'not_modelled' }] } };
        const data = this.contacts.filter((c) => filters.every((f) => (c as Record<string, unknown>)[f.field] === f.value));
        return { status: 200, body: { type: 'list', data: data.map((c) => ({ type: 'contact', ...c })), total_count: data.length } };
      })
      .route('POST', '/contacts', (r) => {
        const c = { id: hex24(), external_id: r.body.external_id, role: r.body.role };
        this.contacts.push(c);
        return { status: 200, body: { type: 'contact', ...c } };
      })
      .route('POST', '/conversations/search', (r) => {
        const f = r.body.query.value as { field: string; value: any }[];
        const contact = f.find((x) => x.field === 'contact_ids')?.value;
        const after = Number(f.find((x) => x.field === 'created_at')?.value ?? 0);
        return {
          status: 200,
          body: {
            type: 'conversation.list',
            conversations: this.conversations.filter((c) => c.contact_id === contact && c.created_at > after),
          },
        };
      })
      .route('POST', '/conversations', (r) => {
        const c: IcConversation = {
          id: String(100 + this.conversations.length),
          contact_id: r.body.from.id,
          created_at: Math.floor(Date.now() / 1000),
          parts: [{ id: hex24(), part_type: 'comment', body: r.body.body, author: { type: 'user', id: r.body.from.id } }],
          tags: [],
          team_assignee_id: null,
          state: 'open',
          custom_attributes: {},
        };
        this.conversations.push(c);
        return { status: 200, body: { type: 'user_message', id: hex24(), conversation_id: c.id } };
      })
      .route('POST', '/conversations/:id/reply', (r, p) => {
        const c = conv(p.id);
        if (!c) return { status: 404, body: { type: 'error.list' } };
        const author = r.body.type === 'admin' ? { type: 'admin', id: r.body.admin_id } : { type: 'user', id: r.body.intercom_user_id };
        c.parts.push({ id: hex24(), part_type: r.body.message_type, message_type: r.body.message_type, body: r.body.body, author });
        return { status: 200, body: { type: 'conversation', id: c.id } };
      })
      .route('PUT', '/conversations/:id', (r, p) => {
        Object.assign(conv(p.id)!.custom_attributes, r.body.custom_attributes ?? {});
        return { status: 200, body: { type: 'conversation', id: p.id } };
      })
      .route('POST', '/tags', (r) => {
        if (!this.tags.has(r.body.name)) this.tags.set(r.body.name, String(7000 + this.tags.size));
        return { status: 200, body: { type: 'tag', id: this.tags.get(r.body.name), name: r.body.name } };
      })
      .route('POST', '/conversations/:id/tags', (r, p) => {
        const name = [...this.tags].find(([, id]) => id === r.body.id)?.[0];
        if (!name) return { status: 404, body: { type: 'error.list' } };
        conv(p.id)!.tags.push(name);
        return { status: 200, body: { type: 'tag', id: r.body.id, name } };
      })
      .route('POST', '/conversations/:id/parts', (r, p) => {
        const c = conv(p.id)!;
        if (r.body.message_type === 'assignment') c.team_assignee_id = r.body.assignee_id;
        if (r.body.message_type === 'close') c.state = 'closed';
        return { status: 200, body: { type: 'conversation', id: c.id } };
      });
  }

  /** A notification_event as Intercom posts it to the app's webhook endpoint. */
  notification(topic: string, c: IcConversation, part?: { body: string; adminId?: string; name?: string }) {
    if (part)
      c.parts.push({
        id: hex24(),
        part_type: 'comment',
        body: part.body,
        author: { type: 'admin', id: part.adminId ?? '555', ...(part.name ? {} : {}) } as any,
      });
    return {
      type: 'notification_event',
      app_id: 'acme1',
      id: `notif_${++this.notif}_${hex24()}`,
      topic,
      created_at: Math.floor(Date.now() / 1000),
      data: {
        type: 'notification_event_data',
        item: {
          type: 'conversation',
          id: c.id,
          state: c.state,
          conversation_parts: {
            type: 'conversation_part.list',
            conversation_parts: c.parts.slice(-1).map((p) => ({
              type: 'conversation_part',
              id: p.id,
              part_type: p.part_type,
              body: p.body,
              author: { ...p.author, name: 'Riley' },
            })),
          },
        },
      },
    };
  }

  async send(url: string, payload: unknown, secret = IC_CLIENT_SECRET) {
    const body = JSON.stringify(payload);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}` },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}
