// The customer side of the Baton API, as the widget uses it. No framework, just fetch.

// Types only, from the server's published contract (contracts/api.ts): nothing is added to the bundle.
import type { components, operations } from '../../contracts/api.ts';

type Schemas = components['schemas'];
export type Citation = Schemas['Citation'];
export type Message = Schemas['CustomerMessage'];
export type Conversation = Schemas['CustomerConversation'];
export type QueuePlace = Schemas['QueuePlace'];
type StartBody = operations['startConversation']['requestBody']['content']['application/json'];
export type Identity = Pick<NonNullable<StartBody['customer']>, 'user_id' | 'user_hash' | 'expires' | 'name' | 'email'>;

/** The JSON a route answers with when it succeeds (its 200 or 201). */
type Answer<Op extends keyof operations> = operations[Op]['responses'] extends infer R
  ? R extends { 201: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 200: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class WidgetApi {
  token: string | null = null;

  constructor(readonly base: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'http_error', data?.error?.message ?? res.statusText);
    return data as T;
  }

  start(workspace: string, opts: { language?: string; customer?: Identity; message?: string }) {
    return this.call<Answer<'startConversation'>>('POST', '/api/v1/widget/conversations', {
      workspace,
      ...opts,
    });
  }

  get(id: string) {
    return this.call<Answer<'getMyConversation'>>('GET', `/api/v1/widget/conversations/${encodeURIComponent(id)}`);
  }

  queue(id: string) {
    return this.call<Answer<'getMyQueuePlace'>>('GET', `/api/v1/widget/conversations/${encodeURIComponent(id)}/queue`);
  }

  /** `clientMessageId` is the widget's own id for the line: sending again with it never stores a second copy. */
  send(id: string, text: string, clientMessageId: string) {
    return this.call<Answer<'sendCustomerMessage'>>('POST', `/api/v1/widget/conversations/${encodeURIComponent(id)}/messages`, {
      text,
      client_message_id: clientMessageId,
    });
  }

  handoff(id: string) {
    return this.call<Answer<'askForHuman'>>('POST', `/api/v1/widget/conversations/${encodeURIComponent(id)}/handoff`, {});
  }

  rate(id: string, score: number) {
    return this.call<Answer<'rateConversation'>>('POST', `/api/v1/widget/conversations/${encodeURIComponent(id)}/csat`, { score });
  }

  socketUrl(): string {
    return `${this.base.replace(/^http/, 'ws')}/api/v1/widget/ws?token=${encodeURIComponent(this.token ?? '')}`;
  }
}
