import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../support/paths.ts';
import { apiClient, login } from '../support/baton.ts';

// `baton serve` with BATON_LLM_* set: the model (a loopback stand-in speaking the OpenAI wire
// format) writes the answer from the chosen passages; it sees only redacted text.
describe('baton serve with a model configured', () => {
  let llm: Server;
  const received: any[] = [];
  let dir: string;
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    llm = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ path: req.url, auth: req.headers.authorization, body: JSON.parse(body) });
        const content = JSON.stringify({ answer: 'Refunds take 5 to 10 business days to appear.', citations: ['P1'] });
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            id: 'x',
            model: 'stand-in',
            choices: [{ index: 0, message: { role: 'assistant', content } }],
            usage: { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62 },
          }),
        );
      });
    });
    await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));
    const port = (llm.address() as { port: number }).port;
    dir = await mkdtemp(join(tmpdir(), 'baton-llm-'));
    child = spawn(process.execPath, ['bin/baton.js', 'serve', '--demo'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        BATON_DATA_DIR: join(dir, 'data'),
        LOG_LEVEL: 'error',
        BATON_LLM_PROVIDER: 'openai-compatible',
        BATON_LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
        BATON_LLM_MODEL: 'stand-in',
        BATON_LLM_API_KEY: 'sk-test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /Baton is running: (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
  }, 300_000);

  afterAll(async () => {
    child?.kill();
    await new Promise((r) => child?.once('exit', r));
    llm?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers with the model’s verified sentence and never sends personal data', { timeout: 120_000 }, async () => {
    const api = apiClient(url);
    // A fixed threshold: this test is about the model's wiring, not the engine's calibration.
    const admin = await login(url, 'admin@demo.baton.local', 'baton-demo');
    expect((await api('PUT', '/api/v1/admin/policy', { token: admin, body: { confidenceThreshold: 0.3 } })).status).toBe(200);
    const res = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: 'demo', message: 'I am anna.berg@example.com, how long does a refund take?' },
    });
    expect(res.status).toBe(201);
    const bot = res.body.messages.find((m: any) => m.author === 'bot');
    expect(bot.text).toContain('Refunds take 5 to 10 business days to appear.');
    expect(bot.citations[0].articleId).toBe('refund-policy');
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe('/v1/chat/completions');
    expect(received[0].auth).toBe('Bearer sk-test');
    expect(JSON.stringify(received[0].body)).not.toContain('anna.berg@example.com');
  });
});
