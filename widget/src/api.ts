// The customer side of the Baton API, as the widget uses it. No framework, just fetch.

export interface Citation {
  articleId?: string;
  title?: string;
  url?: string | null;
  passage?: string;
}

export interface Message {
  id: string;
  seq: number;
  author: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  citations?: Citation[] | null;
  created_at?: string | null;
}

export interface Conversation {
  id: string;
  status: string;
  controller: string;
  language?: string | null;
  csat?: number | null;
}

export interface Identity {
  user_id?: string;
  user_hash?: string;
  name?: string;
  email?: string;
}

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
    return this.call<{ token: string; conversation: Conversation; messages: Message[] }>('POST', '/api/v1/widget/conversations', {
      workspace,
      ...opts,
    });
  }

  get(id: string) {
    return this.call<{ conversation: Conversation; messages: Message[] }>('GET', `/api/v1/widget/conversations/${encodeURIComponent(id)}`);
  }

  /** `clientMessageId` is the widget's own id for the line: sending again with it never stores a second copy. */
  send(id: string, text: string, clientMessageId: string) {
    return this.call<{ message: Message; replies: Message[]; conversation: Conversation }>(
      'POST',
      `/api/v1/widget/conversations/${encodeURIComponent(id)}/messages`,
      { text, client_message_id: clientMessageId },
    );
  }

  handoff(id: string) {
    return this.call<{ conversation: Conversation; replies: Message[] }>('POST', `/api/v1/widget/conversations/${encodeURIComponent(id)}/handoff`, {});
  }

  rate(id: string, score: number) {
    return this.call<{ conversation: Conversation }>('POST', `/api/v1/widget/conversations/${encodeURIComponent(id)}/csat`, { score });
  }

  socketUrl(): string {
    return `${this.base.replace(/^http/, 'ws')}/api/v1/widget/ws?token=${encodeURIComponent(this.token ?? '')}`;
  }
}
