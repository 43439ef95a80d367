// The model path inside a turn, against a real loopback HTTP server speaking both wire formats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEngine, createEngine, EmbeddedEngine } from '../index.ts';
import type { Article, Decision, TurnInput } from '../types.ts';
import { createAnswerWriter } from './setup.ts';
import { InMemoryTokenBudget } from './budget.ts';
import type { LlmConfigInput } from './config.ts';
import type { LlmTrace } from './writer.ts';
import { anthropicReply, openAiReply, startLoopback, type Loopback, type RecordedRequest, type Reply } from './testing/loopback.ts';

const articles: Article[] = [
  {
    id: 'hours',
    title: 'Opening hours',
    body: 'The library is open from 9 a.m. to 5 p.m., Monday to Friday. It is closed on public holidays.',
  },
  { id: 'card', title: 'Library card', body: 'A library card is free for residents. Bring a photo ID and proof of address.' },
  {
    id: 'fines',
    title: 'Late fees',
    url: 'https://library.example.org/fees',
    body: 'Late books cost 25 cents a day, up to $5 per item. Fees can be paid at the front desk or online at https://library.example.org/pay. Fees are not charged on days the library is closed.',
  },
];
const policy = { confidenceThreshold: 0, alwaysHumanIntents: [], alwaysHumanTopics: [] };
const turn = (text: string, extra: Partial<TurnInput> = {}): TurnInput => ({ text, history: [], policy, ...extra });
const question = 'how much do late books cost?';
const reply = (answer: string, citations = ['P1']) => JSON.stringify({ answer, citations });
const llmOf = (d: Decision) => d.trace.llm as LlmTrace;

let server: Loopback;
let script: (req: RecordedRequest, n: number) => Reply = () => openAiReply(reply(''));
let embedded: EmbeddedEngine;
let plain: Decision;

beforeAll(async () => {
  server = await startLoopback((req, n) => script(req, n));
  embedded = await buildEngine(articles);
  plain = await embedded.turn(turn(question));
});
afterAll(() => server.close());

/** The same knowledge with a model in front of it; the loopback server answers as `s` says. */
function withModel(s: typeof script, cfg: Partial<LlmConfigInput> = {}, budget?: InMemoryTokenBudget) {
  script = s;
  server.requests.length = 0;
  const config = {
    provider: 'openai-compatible',
    baseUrl: server.url,
    model: 'test-model',
    timeoutMs: 2_000,
    maxRetries: 1,
    ...cfg,
  } as LlmConfigInput;
  return new EmbeddedEngine(
    embedded.knowledge,
    createAnswerWriter(config, { workspaceId: 'ws-1', tokenBudget: budget, http: { retryBaseMs: 20 } }),
  );
}

describe('engine with a model', () => {
  it('the embedded engine answers this question on its own (the fallback)', () => {
    expect(plain.action).toBe('answer');
    expect(plain.citations[0].articleId).toBe('fines');
    expect(plain.trace.llm).toBeUndefined();
  });

  it('sends the model the passages and the redacted question only, and keeps its supported answer (OpenAI wire)', async () => {
    const engine = withModel(() => openAiReply(reply('Late books cost 25 cents a day, up to $5 per item.')));
    const text = `${question} my email is <EMAIL_1>`;
    const d = await engine.turn(turn(text));
    const alone = await embedded.turn(turn(text));
    expect(d.action).toBe('answer');
    expect(d.text).toBe('Late books cost 25 cents a day, up to $5 per item.\n\nSource: Late fees (https://library.example.org/fees)');
    expect(d.citations).toEqual([
      { articleId: 'fines', title: 'Late fees', url: 'https://library.example.org/fees', passage: articles[2].body },
    ]);
    expect(llmOf(d)).toMatchObject({
      used: true,
      error: null,
      fallback: null,
      dropped_sentences: [],
      passages: ['fines#0'],
      cited: ['fines#0'],
    });
    expect(llmOf(d).latency_ms).toBeGreaterThanOrEqual(0);
    const prompt = server.requests[0].body.messages.map((m: { content: string }) => m.content).join('\n');
    expect(prompt).toContain('Late books cost 25 cents a day');
    expect(prompt).toContain('<EMAIL_1>');
    expect(prompt).not.toContain('photo ID'); // other articles stay out
    expect(server.requests[0].body.response_format).toEqual({ type: 'json_object' });
    // Retrieval, confidence and intent are the embedded engine's.
    expect(d.confidence).toBe(alone.confidence);
    expect(d.intent).toEqual(alone.intent);
    expect(d.trace.decision).toEqual(alone.trace.decision);
  });

  it('speaks the Anthropic wire through createEngine(articles, { llm })', async () => {
    script = () => anthropicReply({ answer: 'Fees can be paid at the front desk.', citations: ['P1'] });
    server.requests.length = 0;
    const engine = await createEngine(articles, {
      llm: { provider: 'anthropic', baseUrl: server.url, apiKey: 'ant-test', model: 'claude-test' },
    });
    const d = await engine.turn(turn('where can I pay late fees?'));
    expect(d.text).toMatch(/^Fees can be paid at the front desk\./);
    expect(llmOf(d).used).toBe(true);
    expect(server.requests[0].url).toBe('/v1/messages');
    expect(server.requests[0].headers['x-api-key']).toBe('ant-test');
  });

  it('drops a made-up price and sends the rest', async () => {
    const engine = withModel(() =>
      openAiReply(reply('Late books cost 25 cents a day, up to $5 per item. A lost book costs $30 to replace.')),
    );
    const d = await engine.turn(turn(question));
    expect(d.text).not.toContain('$30');
    expect(d.text).toMatch(/^Late books cost 25 cents a day, up to \$5 per item\.\n\nSource:/);
    expect(llmOf(d).dropped_sentences).toEqual([{ text: 'A lost book costs $30 to replace.', why: '"$30" is not in the passage' }]);
    expect(llmOf(d).used).toBe(true);
  });

  it('drops a reversed negation and a link the passage does not have', async () => {
    const engine = withModel(() =>
      openAiReply(
        reply('Fees are charged on days the library is closed. Pay online at https://library.example.org. Late books cost 25 cents a day.'),
      ),
    );
    const d = await engine.turn(turn(question));
    expect(llmOf(d).dropped_sentences.map((x) => x.text)).toEqual([
      'Fees are charged on days the library is closed.',
      'Pay online at https://library.example.org.',
    ]);
    expect(d.text).toMatch(/^Late books cost 25 cents a day\.\n/);
  });

  it('falls back to the embedded answer when nothing the model wrote is supported', async () => {
    const engine = withModel(() => openAiReply(reply('Members never pay late fees. Fines double after 30 days.')));
    const d = await engine.turn(turn(question));
    expect(d.text).toBe(plain.text);
    expect(d.citations).toEqual(plain.citations);
    expect(llmOf(d)).toMatchObject({ used: false, fallback: 'embedded' });
    expect(llmOf(d).dropped_sentences).toHaveLength(2);
  });

  it('ignores citations of passages it was not given', async () => {
    const engine = withModel(() => openAiReply(reply('Late books cost 25 cents a day, up to $5 per item.', ['P7'])));
    const d = await engine.turn(turn(question));
    expect(d.text).toBe(plain.text);
    expect(llmOf(d).dropped_sentences[0].why).toBe('no citation');
  });

  it('a server that never answers: the embedded answer, within the timeout', async () => {
    const engine = withModel(() => 'hang', { timeoutMs: 300 });
    const t0 = Date.now();
    const d = await engine.turn(turn(question));
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(d.text).toBe(plain.text);
    expect(llmOf(d)).toMatchObject({ used: false, fallback: 'embedded' });
    expect(llmOf(d).error).toMatch(/^timeout/);
  });

  it('429 with Retry-After, then success', async () => {
    const engine = withModel(
      (_r, n) => (n === 1 ? { status: 429, headers: { 'retry-after-ms': '150' } } : openAiReply(reply('Late books cost 25 cents a day.'))),
      {
        maxRetries: 2,
      },
    );
    const d = await engine.turn(turn(question));
    expect(llmOf(d)).toMatchObject({ used: true, attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('500s exhausting the retries: the embedded answer, the error in the trace', async () => {
    const engine = withModel(() => ({ status: 503, body: { error: { message: 'model is loading' } } }), { maxRetries: 2 });
    const d = await engine.turn(turn(question));
    expect(server.requests).toHaveLength(3);
    expect(d.text).toBe(plain.text);
    expect(llmOf(d).error).toBe('http: HTTP 503 from the model: model is loading');
  });

  it('malformed JSON output: the embedded answer', async () => {
    const engine = withModel(() => openAiReply('Late books cost 25 cents a day.'));
    const d = await engine.turn(turn(question));
    expect(d.text).toBe(plain.text);
    expect(llmOf(d).error).toMatch(/^malformed/);
  });

  it('budget exhausted: no call is made', async () => {
    const budget = new InMemoryTokenBudget({ tokens: 100, period: 'day' });
    const engine = withModel(() => openAiReply(reply('Late books cost 25 cents a day.')), {}, budget);
    const d = await engine.turn(turn(question));
    expect(server.requests).toHaveLength(0);
    expect(d.text).toBe(plain.text);
    expect(llmOf(d).error).toMatch(/^budget/);
  });

  it('does not ask the model when the engine does not answer', async () => {
    const engine = withModel(() => openAiReply(reply('Late books cost 25 cents a day.')));
    const d = await engine.turn(turn('I want to talk to a real person about late fees'));
    expect(d.action).toBe('handoff');
    expect(server.requests).toHaveLength(0);
    expect(d.trace.llm).toBeUndefined();
  });

  it('a client that ignores its timeout is abandoned at the hard timeout', async () => {
    const stuck = { provider: 'custom', model: 'stuck', complete: () => new Promise<never>(() => {}) };
    const engine = new EmbeddedEngine(embedded.knowledge, createAnswerWriter({ client: stuck, timeoutMs: 150 }));
    const t0 = Date.now();
    const d = await engine.turn(turn(question));
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(d.text).toBe(plain.text);
    expect(llmOf(d).error).toMatch(/^timeout/);
  });
});

describe('writer without an embedded answer', () => {
  const noDraft = (): Decision => ({ ...plain, text: '', citations: [] });
  const passages = () => embedded.knowledge.passages.passages.filter((p) => p.articleId === 'fines');

  it('a model error hands off with engine_error', async () => {
    const writer = createAnswerWriter({
      client: { provider: 'x', model: 'x', complete: () => Promise.reject(new Error('boom')) },
      timeoutMs: 500,
    });
    const d = await writer.write({ embedded: noDraft(), question, history: [], passages: passages() });
    expect(d).toMatchObject({ action: 'handoff', reasons: ['engine_error'], text: '', citations: [] });
    expect(llmOf(d)).toMatchObject({ used: false, fallback: 'handoff', error: 'error: boom' });
    expect(d.trace.decision).toMatchObject({ action: 'handoff', blocking: ['engine_error'] });
  });

  it('nothing supported either: hands off (low_confidence)', async () => {
    const client = {
      provider: 'x',
      model: 'x',
      complete: async () => ({
        text: '',
        json: { answer: 'Fines are waived.', citations: ['P1'] },
        usage: { inputTokens: 1, outputTokens: 1 },
        model: 'x',
        attempts: 1,
      }),
    };
    const writer = createAnswerWriter({ client: client as never, timeoutMs: 500 });
    const d = await writer.write({ embedded: noDraft(), question, history: [], passages: passages() });
    expect(d).toMatchObject({ action: 'handoff', reasons: ['low_confidence'] });
  });
});

describe('a page chunked into several articles', () => {
  it('gives the model every passage of the source, and keeps an answer from the sibling', async () => {
    const page = { title: 'Fees and fines | City library', url: 'https://library.example.org/fees' };
    const kb: Article[] = [
      { id: 'fees-1', ...page, body: 'Late books cost 25 cents a day, up to $5 per item.' },
      { id: 'fees-2', ...page, body: 'Fines can be paid at the front desk or online.' },
      { id: 'hours', title: 'Opening hours', body: 'The library is open from 9 a.m. to 5 p.m., Monday to Friday.' },
    ];
    const base = await buildEngine(kb);
    const sent: string[] = [];
    const client = {
      provider: 'x',
      model: 'x',
      complete: async (req: unknown) => {
        sent.push(JSON.stringify(req));
        return {
          text: '',
          json: { answer: 'Fines can be paid at the front desk or online.', citations: ['P2'] },
          usage: { inputTokens: 1, outputTokens: 1 },
          model: 'x',
          attempts: 1,
        };
      },
    };
    const engine = new EmbeddedEngine(base.knowledge, createAnswerWriter({ client: client as never, timeoutMs: 500 }));
    const d = await engine.turn(turn('how much do late books cost and how do I pay the fines?'));
    expect(d.action).toBe('answer');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Late books cost 25 cents a day');
    expect(sent[0]).toContain('Fines can be paid at the front desk');
    expect(sent[0]).not.toContain('Opening hours');
    expect(llmOf(d)).toMatchObject({ used: true, passages: ['fees-1#0', 'fees-2#0'], cited: ['fees-2#0'] });
    expect(d.citations[0]).toMatchObject({ articleId: 'fees-2', url: page.url });
  });
});
