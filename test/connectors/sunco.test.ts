import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sunco } from '../../src/connectors/sunco/index.ts';
import { TokenBucket, VendorClient } from '../../src/connectors/http.ts';
import { SignatureError, type HandoffTicket, type ThreadRef } from '../../src/connectors/types.ts';
import { StandIn } from './support/standin.ts';
import { OpenApiSpec, specPath } from './support/openapi.ts';

// Sunshine Conversations + Switchboard, checked against Zendesk's own OpenAPI document
// (zendesk/sunshine-conversations-api-spec, trimmed copy in test/connectors/specs/sunco): every
// request the connector sends is validated against it (operation, query, body), and the webhook
// tests replay the vendor's own example events. Basic key id/secret (spec securitySchemes);
// webhooks batch several events and carry the secret as X-API-Key (spec info, "Webhooks").
const SPEC = new OpenApiSpec(specPath('sunco/openapi.trimmed.yaml'));
const AUTH = `Basic ${Buffer.from('app_key:app_secret').toString('base64')}`;
/** The vendor's example webhook body (components/examples), a fresh copy to derive from. */
const example = (name: string) => structuredClone(SPEC.at(`#/components/examples/${name}/value`));

describe('Sunshine Conversations connector (contract)', () => {
  const conversations: { id: string; metadata: any; messages: any[]; passed: any[] }[] = [];
  const sc = new StandIn((h) => (h.authorization === AUTH ? null : 'bad auth'), SPEC);
  sc.route('POST', '/v2/apps/app1/users', (r) =>
    typeof r.body.externalId === 'string' ? { status: 201, body: { user: { id: 'u1' } } } : { status: 400 },
  )
    .route('GET', '/v2/apps/app1/conversations', () => ({ status: 200, body: { conversations } }))
    .route('POST', '/v2/apps/app1/conversations', (r) => {
      if (r.body.type !== 'personal' || r.body.participants?.length !== 1) sc.violations.push('conversation create');
      const c = { id: `c${conversations.length + 1}`, metadata: r.body.metadata, messages: [] as any[], passed: [] as any[] };
      conversations.push(c);
      return { status: 201, body: { conversation: { id: c.id } } };
    })
    .route('POST', '/v2/apps/app1/conversations/:id/messages', (r, p) => {
      const b = r.body;
      if (!['user', 'business'].includes(b.author?.type) || b.content?.type !== 'text') sc.violations.push('message body');
      if (b.author.type === 'user' && !b.author.userExternalId) sc.violations.push('user message without userExternalId');
      conversations.find((c) => c.id === p.id)!.messages.push(b);
      return { status: 201, body: { messages: [{ id: 'm' }] } };
    })
    .route('POST', '/v2/apps/app1/conversations/:id/passControl', (r, p) => {
      const meta = r.body.metadata ?? {};
      // passControlBody.metadata: "Flat object [...] Strings, numbers and booleans [...] limited to 4KB in size."
      if (Buffer.byteLength(JSON.stringify(meta), 'utf8') > 4096)
        sc.violations.push(`passControl metadata is ${Buffer.byteLength(JSON.stringify(meta), 'utf8')} bytes, over 4 KB`);
      if (Object.values(meta).some((v) => typeof v === 'object')) sc.violations.push('metadata must be flat');
      conversations.find((c) => c.id === p.id)!.passed.push(r.body);
      return { status: 200, body: {} };
    });

  let conn: ReturnType<typeof sunco.create>;
  beforeAll(async () => {
    await sc.start();
    const config = sunco.configSchema.parse({
      app_id: 'app1',
      base_url: sc.url,
      allow_private_network: true,
      integration_id: 'ours',
      console_url: 'https://baton.example.com/',
    });
    const credentials = { key_id: 'app_key', secret: 'app_secret', webhook_secret: 'hook-secret' };
    // Generous: the stand-in compiles each operation's schema on first use, slow on a busy machine.
    const client = new VendorClient({
      vendor: 'sunco',
      baseUrl: sc.url,
      headers: sunco.authHeaders(credentials, config),
      timeoutMs: 15_000,
      allowPrivate: true,
      bucket: new TokenBucket(100, 1000),
    });
    conn = sunco.create({ config, credentials, client });
  });
  afterAll(() => sc.stop());

  const ticket: HandoffTicket = {
    handoffId: 'h-1',
    conversationId: 'conv-1',
    customer: { id: 'cust-1', externalId: null, name: 'Ann', email: null },
    subject: 'Chat handoff',
    briefText: 'Baton handoff brief (internal)\nIntent: refunds',
    briefHtml: '<p>brief</p>',
    transcript: [
      { author: 'customer', text: 'refund please', at: '' },
      { author: 'bot', text: 'Refunds take 5 days.', at: '' },
    ],
    intent: 'refunds',
    confidence: 0.42,
    priority: 'high',
    team: { id: 't', name: 'Billing' },
    reasons: ['low_confidence'],
    tags: [],
  };

  it('hands off once, resuming after an interruption', async () => {
    let saved: ThreadRef = { externalId: null, data: {} };
    const save = async (r: ThreadRef) => void (saved = r);
    sc.down = true;
    await expect(conn.handoff(ticket, saved, save)).rejects.toThrow();
    sc.down = false;
    sc.dropAfterHandling = (r) => r.method === 'POST' && r.path === '/v2/apps/app1/conversations';
    await expect(conn.handoff(ticket, saved, save)).rejects.toThrow();
    const ref = await conn.handoff(ticket, saved, save);
    expect(conversations).toHaveLength(1);
    expect(ref.externalId).toBe('c1');
    const c = conversations[0]!;
    expect(c.messages.map((m) => m.author.type)).toEqual(['user', 'business']);
    expect(c.passed).toHaveLength(1);
    expect(c.passed[0].switchboardIntegration).toBe('zd:agentWorkspace');
    expect(c.passed[0].metadata).toMatchObject({ baton_handoff_id: 'h-1', baton_intent: 'refunds', baton_confidence: 0.42 });
    expect(c.passed[0].metadata['dataCapture.systemField.tags']).toContain('priority_high');
    await conn.appendCustomerMessage(ref, { messageId: 'm9', text: 'hello?', at: '', customer: ticket.customer });
    expect(c.messages.at(-1)).toMatchObject({
      author: { type: 'user', userExternalId: 'baton_cust-1' },
      metadata: { baton_message_id: 'm9' },
    });
    expect(sc.violations).toEqual([]);
  });

  it('verifies X-API-Key and splits a batch, dropping echoes and bot lines', () => {
    const body = {
      app: { id: 'app1' },
      webhook: { id: 'w', version: 'v2' },
      events: [
        {
          id: 'e1',
          type: 'conversation:message',
          payload: {
            conversation: { id: 'c1', activeSwitchboardIntegration: { integrationType: 'zd:agentWorkspace' } },
            message: { author: { type: 'business', displayName: 'Sam' }, content: { type: 'text', text: 'Hi, Sam here' } },
          },
        },
        {
          id: 'e2',
          type: 'conversation:message',
          payload: {
            conversation: { id: 'c1' },
            message: { author: { type: 'user' }, content: { type: 'text', text: 'mirrored' }, metadata: { baton: true } },
          },
        },
        {
          id: 'e3',
          type: 'conversation:message',
          payload: {
            conversation: { id: 'c1' },
            message: {
              author: { type: 'business' },
              source: { type: 'api:conversations', integrationId: 'ours' },
              content: { type: 'text', text: 'bot' },
            },
          },
        },
        // The spec's shape (switchboardPassControl): the new controller is the conversation's
        // activeSwitchboardIntegration; there is no payload.switchboardIntegration.
        {
          id: 'e4',
          type: 'switchboard:passControl',
          payload: {
            conversation: {
              id: 'c1',
              activeSwitchboardIntegration: { id: 's1', name: 'baton', integrationId: 'ours', integrationType: 'custom' },
            },
            reason: 'ticketClosed',
          },
        },
      ],
    };
    const req = (key: string) => ({ headers: { 'x-api-key': key }, rawBody: Buffer.from(JSON.stringify(body)), now: new Date() });
    expect(() => conn.verify(req('wrong'))).toThrow(SignatureError);
    conn.verify(req('hook-secret'));
    const events = conn.parse(req('hook-secret'));
    expect(events.map((e) => e.kind)).toEqual(['agent_message', 'ignored', 'ignored', 'closed']);
    expect(events[0]).toMatchObject({ text: 'Hi, Sam here', agentName: 'Sam', externalThreadId: 'c1' });
    for (const e of body.events)
      expect(SPEC.checkSchema(e.type === 'conversation:message' ? 'conversationMessageEvent' : 'switchboardPassControl', e)).toEqual([]);
  });

  const parse = (body: unknown) =>
    conn.parse({ headers: { 'x-api-key': 'hook-secret' }, rawBody: Buffer.from(JSON.stringify(body)), now: new Date() });

  it("reads the vendor's own example events", () => {
    const message = example('conversationMessageEvent');
    const passed = example('switchboardPassControlEvent');
    const released = example('switchboardReleaseControlEvent');
    expect(SPEC.checkSchema('conversationMessageEvent', message.events[0])).toEqual([]);
    expect(SPEC.checkSchema('switchboardPassControl', passed.events[0])).toEqual([]);
    expect(SPEC.checkSchema('switchboardReleaseControl', released.events[0])).toEqual([]);
    // A customer's message (author user, from Telegram) is not an agent reply.
    expect(parse(message)).toEqual([{ id: message.events[0].id, kind: 'ignored', reason: 'not from the business side' }]);
    // Control passed to the custom integration "bot": the chat is back with the bot, the human part is over.
    expect(parse(passed)).toMatchObject([{ kind: 'closed', externalThreadId: 'f52b01137aa6c250bc7251fa' }]);
    expect(parse(released)).toMatchObject([{ kind: 'closed', externalThreadId: 'f52b01137aa6c250bc7251fa' }]);
  });

  it('reads events derived from those examples: an agent reply, the handoff itself, a closed ticket', () => {
    // Only values change, in fields the vendor's schema or example has.
    const reply = example('conversationMessageEvent');
    Object.assign(reply.events[0].payload.conversation.activeSwitchboardIntegration, {
      name: 'zd-agentWorkspace',
      integrationType: 'zd:agentWorkspace',
    });
    Object.assign(reply.events[0].payload.message.author, { type: 'business', displayName: 'Riley' });
    reply.events[0].payload.message.content.text = 'Riley here, let me check.';
    const handedOver = example('switchboardPassControlEvent');
    Object.assign(handedOver.events[0].payload.conversation.activeSwitchboardIntegration, {
      name: 'zd-agentWorkspace',
      integrationType: 'zd:agentWorkspace',
    });
    const ticketClosed = example('switchboardPassControlEvent');
    ticketClosed.events[0].payload.reason = 'ticketClosed';
    ticketClosed.events[0].payload.conversation.activeSwitchboardIntegration = {
      id: 'swi-baton',
      name: 'baton',
      integrationId: 'ours',
      integrationType: 'custom',
    };
    expect(SPEC.checkSchema('conversationMessageEvent', reply.events[0])).toEqual([]);
    expect(SPEC.checkSchema('switchboardPassControl', handedOver.events[0])).toEqual([]);
    expect(SPEC.checkSchema('switchboardPassControl', ticketClosed.events[0])).toEqual([]);
    expect(parse(reply)).toMatchObject([{ kind: 'agent_message', text: 'Riley here, let me check.', agentName: 'Riley' }]);
    expect(parse(handedOver)).toMatchObject([{ kind: 'ignored', reason: 'control passed to the agent workspace' }]);
    expect(parse(ticketClosed)).toMatchObject([{ kind: 'closed', externalThreadId: 'f52b01137aa6c250bc7251fa' }]);
  });

  it('keeps passControl metadata within 4 KB for a long Japanese brief, and links the whole brief', async () => {
    const briefText = 'Baton handoff brief (internal)\n' + '返金のご依頼です。注文番号を確認し、配送状況をお知らせください。'.repeat(120);
    expect(Buffer.byteLength(briefText.slice(0, 2000), 'utf8')).toBeGreaterThan(4096); // what a 2,000-character cap let through
    let saved: ThreadRef = { externalId: null, data: {} };
    await conn.handoff(
      { ...ticket, handoffId: 'h-ja', conversationId: 'conv-ja', customer: { ...ticket.customer, id: 'cust-ja' }, briefText },
      saved,
      async (r) => void (saved = r),
    );
    const passed = conversations.find((c) => c.id === saved.externalId)!.passed[0];
    const bytes = Buffer.byteLength(JSON.stringify(passed.metadata), 'utf8');
    expect(bytes).toBeLessThanOrEqual(4096);
    expect(passed.metadata.baton_brief).toMatch(/^Baton handoff brief \(internal\)\n返金/);
    expect(passed.metadata.baton_brief.endsWith('…')).toBe(true);
    expect(passed.metadata.baton_brief_url).toBe('https://baton.example.com/app/c/conv-ja');
    expect(sc.violations).toEqual([]);
  });
});
