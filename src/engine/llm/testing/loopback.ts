// A real HTTP server on 127.0.0.1 standing in for a model provider in tests: each request is
// recorded and answered by a script (a JSON reply, an error status, or no answer at all).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON (raw text when not JSON). */
  body: any;
}

export type Reply = { status?: number; headers?: Record<string, string>; body?: unknown } | 'hang';

export interface Loopback {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startLoopback(script: (req: RecordedRequest, n: number) => Reply | Promise<Reply>): Promise<Loopback> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(rec);
      void Promise.resolve(script(rec, requests.length)).then((reply) => {
        if (reply === 'hang') return; // never answer: the client's timeout must end it
        const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(payload);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat-completions response carrying `content`. */
export const openAiReply = (content: string, usage = { prompt_tokens: 120, completion_tokens: 30 }): Reply => ({
  body: {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  },
});

/** A Messages API response with the forced tool call carrying `input`. */
export const anthropicReply = (input: unknown, name = 'grounded_answer'): Reply => ({
  body: {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model: 'claude-test',
    content: [{ type: 'tool_use', id: 'toolu_test', name, input }],
    stop_reason: 'tool_use',
    usage: { input_tokens: 110, output_tokens: 25 },
  },
});

/** A function call a scripted model asks for. */
export interface ScriptedCall {
  name: string;
  args: unknown;
}

/** A chat-completions response asking for function calls (`tool_calls`, content null). */
export const openAiToolCallsReply = (calls: ScriptedCall[], n = 1): Reply => ({
  body: {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    model: 'test-model',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: calls.map((c, i) => ({
            id: `call_${n}_${i + 1}`,
            type: 'function',
            function: { name: c.name, arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args) },
          })),
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: { prompt_tokens: 150, completion_tokens: 20, total_tokens: 170 },
  },
});

/** A Messages API response: optional text, then tool_use blocks (stop_reason tool_use), or text alone. */
export const anthropicMessageReply = (text: string, calls: ScriptedCall[] = [], n = 1): Reply => ({
  body: {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model: 'claude-test',
    content: [
      ...(text ? [{ type: 'text', text }] : []),
      ...calls.map((c, i) => ({ type: 'tool_use', id: `toolu_${n}_${i + 1}`, name: c.name, input: c.args })),
    ],
    stop_reason: calls.length ? 'tool_use' : 'end_turn',
    usage: { input_tokens: 140, output_tokens: 20 },
  },
});

/** One step of a scripted model: call functions, or answer in text. */
export type ModelStep = { calls: ScriptedCall[] } | { text: string };

export type Wire = 'openai' | 'anthropic';

/** The reply to one request, in the given wire format. */
export function scriptedReply(wire: Wire, step: ModelStep, n: number): Reply {
  if ('text' in step) return wire === 'openai' ? openAiReply(step.text) : anthropicMessageReply(step.text);
  return wire === 'openai' ? openAiToolCallsReply(step.calls, n) : anthropicMessageReply('', step.calls, n);
}

/**
 * A model server answering with the steps in order (a function gets the request, e.g. to read
 * the tool results it was sent); past the last step it answers "(script ended)".
 */
export async function startScriptedModel(
  wire: Wire,
  steps: Array<ModelStep | ((req: RecordedRequest) => ModelStep)>,
): Promise<Loopback & { push(...more: Array<ModelStep | ((req: RecordedRequest) => ModelStep)>): void }> {
  const queue = [...steps];
  const lb = await startLoopback((req, n) => {
    const next = queue.shift() ?? { text: '(script ended)' };
    return scriptedReply(wire, typeof next === 'function' ? next(req) : next, n);
  });
  return { ...lb, push: (...more) => void queue.push(...more) };
}

/** The tool results a recorded request carried, in either wire format: `{ id, content, isError }`. */
export function toolResultsSent(req: RecordedRequest): Array<{ id: string; content: string; isError: boolean }> {
  const out: Array<{ id: string; content: string; isError: boolean }> = [];
  for (const m of (req.body?.messages ?? []) as any[]) {
    if (m.role === 'tool') out.push({ id: m.tool_call_id, content: String(m.content), isError: false });
    if (m.role === 'user' && Array.isArray(m.content)) {
      for (const b of m.content)
        if (b.type === 'tool_result') out.push({ id: b.tool_use_id, content: String(b.content), isError: b.is_error === true });
    }
  }
  return out;
}
