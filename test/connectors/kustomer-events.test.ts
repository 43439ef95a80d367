import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kustomer } from '../../src/connectors/kustomer/index.ts';
import { SignatureError } from '../../src/connectors/types.ts';
import type { VendorClient } from '../../src/connectors/http.ts';

// The pure half of the Kustomer webhook (verify, parse) on edge cases the stand-in test does not
// reach: automated or API-key messages, updates of a conversation that was already done.
const noClient = {} as VendorClient;
const raw = (body: unknown, headers: Record<string, string> = {}) => ({
  headers,
  rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  now: new Date(),
});

describe('Kustomer webhook events', () => {
  const k = kustomer.create({
    config: kustomer.configSchema.parse({ org: 'acme', api_user_id: 'u_api' }),
    credentials: { api_key: 'k', webhook_token: 'tok' },
    client: noClient,
  });
  const message = (id: string, attributes: Record<string, unknown>, createdBy = 'u_riley') => ({
    id: `evt_${id}`,
    name: 'kustomer.message.create',
    data: {
      type: 'message',
      id,
      attributes: { direction: 'out', preview: 'hello', ...attributes },
      relationships: { conversation: { data: { id: 'c1' } }, createdBy: { data: { id: createdBy } } },
    },
  });

  it('verifies hex HMAC-SHA256 of the raw body, keyed by the webhook token', () => {
    const body = '{"id":"evt_1"}';
    const sig = createHmac('sha256', 'tok').update(body).digest('hex');
    expect(() => k.verify(raw(body, { 'x-kustomer-webhook-signature': sig }))).not.toThrow();
    expect(() => k.verify(raw(body, { 'x-kustomer-webhook-signature': sig.toUpperCase() }))).not.toThrow();
    expect(() => k.verify(raw(body + ' ', { 'x-kustomer-webhook-signature': sig }))).toThrow(SignatureError);
    expect(() => k.verify(raw(body, {}))).toThrow(SignatureError);
    const noToken = kustomer.create({
      config: kustomer.configSchema.parse({ org: 'acme' }),
      credentials: { api_key: 'k' },
      client: noClient,
    });
    expect(() => noToken.verify(raw(body, { 'x-kustomer-webhook-signature': sig }))).toThrow(SignatureError);
  });

  it('relays only human outbound messages, and closes only on the change to done', () => {
    const events = k.parse(
      raw([
        message('m1', {}),
        message('m2', { auto: true }),
        message('m3', {}, 'u_api'),
        message('m4', { direction: 'in' }),
        message('m5', { preview: '  ', meta: { body: '<p>From <b>meta</b></p>' } }),
        {
          id: 'evt_u1',
          name: 'kustomer.conversation.update',
          data: { id: 'c1', attributes: { status: 'done' } },
          changes: { attributes: { status: { before: 'open', after: 'done' } } },
        },
        {
          id: 'evt_u2',
          name: 'kustomer.conversation.update',
          data: { id: 'c1', attributes: { status: 'done' } },
          changes: { attributes: { tags: {} } },
        },
        { id: 'evt_u3', name: 'kustomer.conversation.update', data: { id: 'c1', attributes: { status: 'done' } } },
        { id: 'evt_x', name: 'kustomer.customer.update', data: { id: 'cu1', attributes: {} } },
        'not an event',
      ]),
    );
    expect(events.map((e) => e.kind)).toEqual([
      'agent_message',
      'ignored',
      'ignored',
      'ignored',
      'agent_message',
      'closed',
      'ignored',
      'closed',
      'ignored',
      'ignored',
    ]);
    expect(events[0]).toMatchObject({ id: 'message:m1', externalThreadId: 'c1', text: 'hello' });
    expect(events[4]).toMatchObject({ text: 'From meta' });
    expect(k.parse(raw('{not json'))).toMatchObject([{ kind: 'ignored' }]);
  });
});
