// A client as a user would generate it: openapi-typescript's types (contracts/api.ts) and
// openapi-fetch. client.test.ts type-checks this file on its own under `tsc --strict` and runs it
// against a real server, so the published contract is proven usable, not just valid.
import createClient from 'openapi-fetch';
import type { components, paths } from '../../contracts/api.ts';

export type Conversation = components['schemas']['Conversation'];

export function batonClient(baseUrl: string, token?: string) {
  return createClient<paths>({ baseUrl, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** Logs in and returns the session token and who logged in. */
export async function logIn(baseUrl: string, email: string, password: string): Promise<{ token: string; name: string }> {
  const { data, error } = await batonClient(baseUrl).POST('/api/v1/auth/login', { body: { email, password } });
  if (error) throw new Error(`${error.error.code}: ${error.error.message}`);
  return { token: data.token, name: data.agent.name };
}

/** Conversations waiting for a person (queued, or waiting for the customer's e-mail), newest activity first: one page. */
export async function listWaiting(baseUrl: string, token: string): Promise<{ conversations: Conversation[]; next: string | null }> {
  const { data, error } = await batonClient(baseUrl, token).GET('/api/v1/conversations', {
    params: { query: { status: 'queued,awaiting_customer', limit: 20 } },
  });
  if (error) throw new Error(`${error.error.code}: ${error.error.message}`);
  return { conversations: data.conversations, next: data.next_cursor };
}

/** Starts a widget conversation: the customer token and who wrote its first lines. */
export async function startChat(
  baseUrl: string,
  workspace: string,
  message: string,
): Promise<{ token: string; conversationId: string; authors: string[] }> {
  const { data, error, response } = await batonClient(baseUrl).POST('/api/v1/widget/conversations', { body: { workspace, message } });
  if (error) throw new Error(`${response.status} ${error.error.code}`);
  return { token: data.token, conversationId: data.conversation.id, authors: data.messages.map((m) => m.author) };
}

/** A 4xx answer, typed as the error envelope. */
export async function badLogin(baseUrl: string): Promise<{ status: number; code: string }> {
  const { error, response } = await batonClient(baseUrl).POST('/api/v1/auth/login', {
    body: { email: 'nobody@example.test', password: 'wrong' },
  });
  return { status: response.status, code: error?.error.code ?? 'none' };
}
