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
