import { describe, expect, it } from 'vitest';
import { gorgias } from '../../src/connectors/gorgias/index.ts';
import { SignatureError } from '../../src/connectors/types.ts';
import type { VendorClient } from '../../src/connectors/http.ts';

// The pure half of the Gorgias webhook (verify, parse) on edge cases the stand-in test does not
// reach: unfilled or differently spelled template values, HTML-only bodies.
const noClient = {} as VendorClient;
const raw = (body: unknown, headers: Record<string, string> = {}) => ({
  headers,
  rawBody: Buffer.from(JSON.stringify(body)),
  now: new Date(),
});

describe('Gorgias HTTP integration payloads', () => {
  const g = gorgias.create({
    config: gorgias.configSchema.parse({ domain: 'acme' }),
    credentials: { email: 'bot@acme.test', api_key: 'k', webhook_secret: 'a-long-shared-secret' },
    client: noClient,
  });
  const msg = (fields: Record<string, string>) => ({
    event: 'ticket-message-created',
    ticket_id: '42',
    message_id: '7',
    channel: 'email',
    from_agent: 'true',
    public: 'true',
    external_id: '',
    body_text: 'Hi',
    ...fields,
  });

  it('checks the shared secret header', () => {
    expect(() => g.verify(raw({}, { 'x-baton-secret': 'a-long-shared-secret' }))).not.toThrow();
    expect(() => g.verify(raw({}, { 'x-baton-secret': 'a-long-shared-secreT' }))).toThrow(SignatureError);
    expect(() => g.verify(raw({}, {}))).toThrow(SignatureError);
  });

  it('reads filled-in templates tolerantly and drops what is not an agent reply', () => {
    const events = g.parse(
      raw([
        msg({ from_agent: 'True', sender_name: 'Riley' }),
        msg({ message_id: '' }),
        msg({ public: 'false', channel: 'email' }),
        msg({ from_agent: 'false' }),
        msg({ external_id: 'baton:abc' }),
        msg({ body_text: '', body_html: '<p>From html</p>' }),
        { event: 'ticket-updated', ticket_id: '42', status: 'open' },
        { event: 'ticket-updated', ticket_id: '42', status: 'Closed' },
        { event: 'ticket-updated', ticket_id: '' },
      ]),
    );
    expect(events.map((e) => e.kind)).toEqual([
      'agent_message',
      'ignored',
      'ignored',
      'ignored',
      'ignored',
      'agent_message',
      'ignored',
      'closed',
      'ignored',
    ]);
    expect(events[0]).toMatchObject({ id: '42:message:7', externalThreadId: '42', text: 'Hi', agentName: 'Riley' });
    expect(events[5]).toMatchObject({ text: 'From html' });
  });
});
