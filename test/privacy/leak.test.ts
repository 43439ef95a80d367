import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, testEnv, type SeededWorkspace } from '../support/baton.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import { createEngine } from '../../src/engine/index.ts';
import type { EngineFactory } from '../../src/engine/types.ts';
import { fastOutboundEnv, waitFor } from '../connectors/support/standin.ts';
import { ZendeskStandIn, ZD_EMAIL, ZD_TOKEN } from '../connectors/support/zendesk-standin.ts';

/** Personal data planted in the customer's messages. */
const PLANTED = {
  email: 'zelda.quist@example.org',
  phone: '+44 20 7946 0958',
  card: '4111 1111 1111 1111',
  iban: 'DE89 3704 0044 0532 0130 00',
  name: 'Zelda Quist',
  address: '42 Wallaby Way, Sydney',
};
const squash = (s: string) => s.replace(/[\s-]/g, '');

/** A loopback server that keeps every byte it is sent (request line, headers, body). */
async function recorder(answer: (path: string, body: string) => { status: number; body: unknown }) {
  const raw: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      raw.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n\n${body}`);
      const a = answer(req.url ?? '/', body);
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    raw,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/**
 * The privacy promise end to end: a conversation full of personal data runs through the bot
 * (with a model behind an OpenAI-compatible endpoint), a handoff, a webhook subscriber and a
 * Zendesk connector. Every byte those three receive, and every log line, is searched for the
 * planted values.
 */
describe('nothing personal leaves Baton', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  const logLines: string[] = [];
  const llmAnswers: string[] = [];
  let llm: Awaited<ReturnType<typeof recorder>>;
  let hook: Awaited<ReturnType<typeof recorder>>;
  const zd = new ZendeskStandIn();

  beforeAll(async () => {
    fastOutboundEnv();
    llm = await recorder(() => {
      const content = JSON.stringify({ answer: 'Refunds take 5 to 10 business days.', citations: ['P1'] });
      llmAnswers.push(content);
      return {
        status: 200,
        body: {
          id: 'x',
          object: 'chat.completion',
          model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        },
      };
    });
    hook = await recorder(() => ({ status: 204, body: {} }));
    await zd.start();
    tdb = await openTestDatabase();
    const env = testEnv({ LOG_LEVEL: 'debug' });
    const engineFactory: EngineFactory = (articles) =>
      createEngine(articles, {
        llm: { provider: 'openai-compatible', baseUrl: llm.url, model: 'test-model', timeoutMs: 5_000, maxRetries: 0 },
      });
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    baton = await startBaton({ env, engineFactory, database: tdb.database, log: pino({ level: 'debug' }, sink) });
    ws = await seedWorkspace(tdb.database.db);
  }, 240_000);
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
    await llm?.close();
    await hook?.close();
    await zd.stop();
  });

  it('sends the model, a webhook subscriber and the helpdesk no planted value, and logs none', { timeout: 240_000 }, async () => {
    const api = apiClient(baton.url);
    const admin = await login(baton.url, ws.admin.email, ws.admin.password);
    // The bot answers whenever it found an article (so the model is asked), and a person is on shift.
    expect((await api('PUT', '/api/v1/admin/policy', { token: admin, body: { confidenceThreshold: 0 } })).status).toBe(200);
    const agent = await login(baton.url, ws.agent.email, ws.agent.password);
    expect((await api('PUT', '/api/v1/me/status', { token: agent, body: { status: 'online' } })).status).toBe(200);
    const sub = await api('POST', '/api/v1/webhooks', {
      token: admin,
      body: { url: `${hook.url}/hook`, event_types: ['*'], allow_private: true },
    });
    expect(sub.status).toBe(201);
    const zdPut = await api('PUT', '/api/v1/connectors/zendesk', {
      token: admin,
      body: {
        config: { base_url: zd.url, allow_private_network: true, group_map: { [ws.teamId]: 4242 } },
        credentials: { email: ZD_EMAIL, api_token: ZD_TOKEN },
      },
    });
    expect(zdPut.status).toBe(200);

    const start = await api('POST', '/api/v1/widget/conversations', {
      body: {
        workspace: ws.slug,
        message: `Hi, I am ${PLANTED.name}. My card ${PLANTED.card} was charged twice, how long do refunds take?`,
      },
    });
    expect(start.status).toBe(201);
    const { token, conversation } = start.body;
    const say = async (text: string) =>
      expect((await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text } })).status).toBe(201);
    await say(`Please refund to IBAN ${PLANTED.iban}; refunds to my address ${PLANTED.address} also fine`);
    await say(`Reach me at ${PLANTED.email} or ${PLANTED.phone}. I want to talk to a person`);
    await waitFor(() => llm.raw.length > 0, 20_000, 'a model call');

    // The handoff reaches the helpdesk and the subscriber; the agent answers and resolves.
    const ticket = await waitFor(() => zd.tickets[0], 30_000, 'a Zendesk ticket');
    expect(ticket.comments[0]!.body).toContain('Baton handoff brief');
    await waitFor(() => hook.raw.some((r) => r.includes('conversation.handoff')), 30_000, 'the handoff webhook');
    expect((await api('POST', `/api/v1/conversations/${conversation.id}/accept`, { token: agent })).status).toBe(200);
    await say(`Also my second card is ${PLANTED.card}, thanks ${PLANTED.name}`);
    await waitFor(() => zd.tickets[0]!.comments.length >= 2, 30_000, 'the mirrored message');
    expect((await api('POST', `/api/v1/conversations/${conversation.id}/reveal`, { token: agent })).status).toBe(200);
    expect((await api('POST', `/api/v1/conversations/${conversation.id}/resolve`, { token: agent })).status).toBe(200);
    await waitFor(() => hook.raw.filter((r) => r.includes('message.created')).length >= 4, 30_000, 'message webhooks');
    await new Promise((r) => setTimeout(r, 1500)); // let the last deliveries and logs land

    const received = {
      model: llm.raw.join('\n'),
      webhook: hook.raw.join('\n'),
      helpdesk: zd.requests
        .map((r) => `${r.method} ${r.path}?${r.query}\n${JSON.stringify(r.headers)}\n\n${JSON.stringify(r.body)}`)
        .join('\n'),
      logs: logLines.join(''),
    };
    // They did receive the conversation, with tokens where the values were.
    expect(received.model).toMatch(/<CARD_1>/);
    expect(received.helpdesk).toMatch(/<(CARD|IBAN|EMAIL|PHONE|PERSON)_1>/);
    expect(received.webhook).toContain('conversation.handoff');
    expect(logLines.length).toBeGreaterThan(10);
    for (const [where, text] of Object.entries(received)) {
      for (const value of Object.values(PLANTED)) {
        expect(text.includes(value), `${where} received ${value}`).toBe(false);
        expect(squash(text).includes(squash(value)), `${where} received ${value} (reformatted)`).toBe(false);
      }
    }
    expect(zd.violations).toEqual([]);
  });
});
