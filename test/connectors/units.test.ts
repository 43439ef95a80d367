import { describe, expect, it } from 'vitest';
import { SecretBox, parseKey } from '../../src/connectors/crypto.ts';
import { backoffMs, loadOutboundSettings } from '../../src/connectors/settings.ts';
import { TokenBucket } from '../../src/connectors/http.ts';
import { parseRetryAfter } from '../../src/retry.ts';
import { sign, verifySignature } from '../../src/webhooks/signature.ts';
import { freshdesk } from '../../src/connectors/freshdesk/index.ts';
import { zendesk } from '../../src/connectors/zendesk/index.ts';
import { SignatureError } from '../../src/connectors/types.ts';
import type { VendorClient } from '../../src/connectors/http.ts';

describe('connector building blocks', () => {
  it('seals credentials with AES-256-GCM bound to their row', () => {
    const box = SecretBox.fromKey(parseKey('ab'.repeat(32)));
    const sealed = box.seal('{"api_token":"s3cret"}', 'connector:w1:zendesk');
    expect(sealed).not.toContain('s3cret');
    expect(box.open(sealed, 'connector:w1:zendesk')).toBe('{"api_token":"s3cret"}');
    expect(() => box.open(sealed, 'connector:w2:zendesk')).toThrow();
    // Flip one bit of the ciphertext itself (editing the base64 tail may only touch padding bits).
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    const tampered = [...parts.slice(0, 3), data.toString('base64url')].join('.');
    expect(() => box.open(tampered, 'connector:w1:zendesk')).toThrow();
    expect(() => parseKey('short')).toThrow();
  });

  it('backs off exponentially with jitter, never under Retry-After', () => {
    const s = loadOutboundSettings({ BATON_OUTBOUND_RETRY_BASE_MS: '1000', BATON_OUTBOUND_RETRY_MAX_MS: '60000' });
    expect(backoffMs(s, 1, null, () => 0)).toBe(500);
    expect(backoffMs(s, 1, null, () => 1)).toBe(1000);
    expect(backoffMs(s, 4, null, () => 1)).toBe(8000);
    expect(backoffMs(s, 30, null, () => 1)).toBe(60000);
    expect(backoffMs(s, 1, 5000, () => 0)).toBe(5000);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(() => loadOutboundSettings({ BATON_OUTBOUND_MAX_ATTEMPTS: 'many' })).toThrow(/BATON_OUTBOUND_MAX_ATTEMPTS/);
  });

  it('keeps to a vendor budget with a token bucket', () => {
    const b = new TokenBucket(2, 1000);
    const t = Date.now();
    expect(b.take(t)).toBe(0);
    expect(b.take(t)).toBe(0);
    expect(b.take(t)).toBeGreaterThan(0);
    expect(b.take(t + 600)).toBe(0);
  });

  it('signs outbound webhooks the documented way', () => {
    const header = sign('whsec_x', '{"a":1}', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_x', header, '{"a":1}', { now: 1_700_000_100 })).toBe(true);
    expect(verifySignature('whsec_x', header, '{"a":2}', { now: 1_700_000_100 })).toBe(false);
    expect(verifySignature('whsec_x', header, '{"a":1}', { now: 1_700_001_000 })).toBe(false);
  });
});

const noClient = {} as VendorClient;
const req = (body: unknown, headers: Record<string, string> = {}) => ({
  headers,
  rawBody: Buffer.from(JSON.stringify(body)),
  now: new Date(),
});

describe('inbound parsing', () => {
  it('Zendesk: splits a batch, drops private notes, customer lines and our own comments', () => {
    const z = zendesk.create({
      config: zendesk.configSchema.parse({ subdomain: 'acme', api_user_id: 900 }),
      credentials: { email: 'a@b.c', api_token: 't', webhook_signing_secret: 's' },
      client: noClient,
    });
    const comment = (id: string, c: Record<string, unknown>) => ({
      id,
      type: 'zen:event-type:ticket.comment_added',
      detail: { id: '7' },
      event: { comment: c },
      time: new Date().toISOString(),
    });
    const events = z.parse(
      req([
        comment('e1', { body: 'hi', is_public: true, author: { id: 1, is_staff: true, name: 'Sam' } }),
        comment('e2', { body: 'note', is_public: false, author: { id: 1, is_staff: true } }),
        comment('e3', { body: 'mirrored', is_public: true, author: { id: 55, is_staff: false } }),
        comment('e4', { body: 'ours', is_public: true, author: { id: 900, is_staff: true } }),
        { id: 'e5', type: 'zen:event-type:ticket.status_changed', detail: { id: '7' }, event: { current: 'SOLVED', previous: 'OPEN' } },
        { id: 'e6', type: 'zen:event-type:ticket.status_changed', detail: { id: '7' }, event: { current: 'PENDING', previous: 'OPEN' } },
      ]),
    );
    expect(events.map((e) => e.kind)).toEqual(['agent_message', 'ignored', 'ignored', 'ignored', 'closed', 'ignored']);
    expect(() =>
      z.verify(req({}, { 'x-zendesk-webhook-signature': 'x', 'x-zendesk-webhook-signature-timestamp': new Date().toISOString() })),
    ).toThrow(SignatureError);
  });

  it('Freshdesk: checks the shared secret in constant time and normalises the rule payloads', () => {
    const f = freshdesk.create({
      config: freshdesk.configSchema.parse({ domain: 'acme' }),
      credentials: { api_key: 'k', webhook_secret: 'a-long-shared-secret' },
      client: noClient,
    });
    expect(() => f.verify(req({}, { 'x-baton-secret': 'nope' }))).toThrow(SignatureError);
    expect(() => f.verify(req({}, { 'x-baton-secret': 'a-long-shared-secret' }))).not.toThrow();
    const events = f.parse(
      req([
        { event: 'agent_reply', ticket_id: '12', reply_id: '99', reply_body: '<div>Hello&nbsp;there</div>', agent_name: 'Kim' },
        { event: 'status_changed', ticket_id: '12', status: 'Resolved' },
        { event: 'status_changed', ticket_id: '12', status: 'Pending' },
      ]),
    );
    expect(events[0]).toMatchObject({ kind: 'agent_message', id: '12:reply:99', text: 'Hello there', externalThreadId: '12' });
    expect(events.slice(1).map((e) => e.kind)).toEqual(['closed', 'ignored']);
  });
});
