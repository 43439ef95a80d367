import { randomUUID } from 'node:crypto';
import pino from 'pino';
import WebSocket from 'ws';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import type { Schema } from '../../src/db/schema.ts';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import { hashPassword, hashToken, identityHash, newSecret, newToken } from '../../src/auth/secrets.ts';
import { insertWorkspace } from '../../src/db/repositories/workspaces.ts';
import { addTeamMember, insertAgent, insertTeam } from '../../src/db/repositories/agents.ts';
import { insertApiKey } from '../../src/db/repositories/auth.ts';
import { syncArticles } from '../../src/db/repositories/knowledge.ts';
import type { EngineFactory } from '../../src/engine/types.ts';
import { scriptedEngineFactory } from './scripted-engine.ts';
import { generateKey } from '../../src/pii/index.ts';

/** A test server's settings: any free loopback port, quiet, rate limits out of the way, the run's vault key; `extra` on top. */
export const testEnv = (extra: Record<string, string> = {}) =>
  loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_START_PER_MINUTE: '1000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    BATON_VAULT_KEY: TEST_VAULT_KEY,
    ...extra,
  });

export async function startTestBaton(database: Database, engineFactory: EngineFactory = scriptedEngineFactory): Promise<RunningBaton> {
  const env = testEnv({ BODY_LIMIT: String(64 * 1024) });
  return startBaton({ env, engineFactory, database, log: pino({ level: 'silent' }) });
}

const PASSWORD = 'correct horse battery staple';

/** One vault key per test run: every server a test starts can open what the others sealed. */
export const TEST_VAULT_KEY = process.env.BATON_VAULT_KEY ?? generateKey();

export interface SeededWorkspace {
  id: string;
  slug: string;
  secret: string;
  teamId: string;
  admin: { id: string; email: string; password: string };
  agent: { id: string; email: string; password: string };
  viewer: { id: string; email: string; password: string };
  apiKey: string;
  readKey: string;
  adminKey: string;
}

/** A workspace with an admin, an agent, a viewer, one team, API keys and two articles. */
export async function seedWorkspace(db: Kysely<Schema>, name = 'acme'): Promise<SeededWorkspace> {
  const slug = `${name}-${randomUUID().slice(0, 8)}`;
  const secret = newSecret();
  const passwordHash = await hashPassword(PASSWORD);
  const ws = await insertWorkspace(db, { id: randomUUID(), slug, name, identitySecret: secret });
  const team = await insertTeam(db, { id: randomUUID(), workspaceId: ws.id, name: 'Support' });
  const person = async (role: 'admin' | 'agent' | 'viewer') => {
    const email = `${role}-${slug}@example.test`;
    const a = await insertAgent(db, { id: randomUUID(), workspaceId: ws.id, email, name: `${role} of ${name}`, passwordHash, role });
    await addTeamMember(db, team.id, a.id);
    return { id: a.id, email, password: PASSWORD };
  };
  const apiKey = newToken('bk');
  const readKey = newToken('bk');
  const adminKey = newToken('bk');
  await insertApiKey(db, { id: randomUUID(), workspaceId: ws.id, name: 'admin', keyHash: hashToken(adminKey), scopes: ['admin'] });
  await insertApiKey(db, { id: randomUUID(), workspaceId: ws.id, name: 'server', keyHash: hashToken(apiKey), scopes: ['write'] });
  await insertApiKey(db, { id: randomUUID(), workspaceId: ws.id, name: 'reader', keyHash: hashToken(readKey), scopes: ['read'] });
  await syncArticles(
    db,
    ws.id,
    [
      { id: 'refunds', title: 'Refunds', body: 'Refunds take 5 to 10 business days.', url: 'https://help.example.test/refunds' },
      { id: 'shipping', title: 'Shipping', body: 'Shipping takes 3 to 5 business days.' },
    ],
    { prune: false },
  );
  return {
    id: ws.id,
    slug,
    secret,
    teamId: team.id,
    admin: await person('admin'),
    agent: await person('agent'),
    viewer: await person('viewer'),
    apiKey,
    readKey,
    adminKey,
  };
}

export const signUser = (secret: string, userId: string): string => identityHash(secret, userId);

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** A thin HTTP client over fetch: the tests speak to the server as any client would. */
export function apiClient(baseUrl: string) {
  return async function call<T = any>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await apiClient(baseUrl)('POST', '/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** A WebSocket that collects pushes and lets a test wait for the one it expects. */
export class TestSocket {
  readonly received: { type: string; data: any }[] = [];
  private waiters: { match: (p: { type: string; data: any }) => boolean; resolve: (p: any) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const push = JSON.parse(raw.toString());
      this.received.push(push);
      this.waiters = this.waiters.filter((w) => (w.match(push) ? (w.resolve(push), false) : true));
    });
  }

  static async open(url: string): Promise<TestSocket> {
    const ws = new WebSocket(url);
    const socket = new TestSocket(ws);
    await socket.next((p) => p.type === 'ready');
    return socket;
  }

  next(match: (p: { type: string; data: any }) => boolean, timeoutMs = 5000): Promise<{ type: string; data: any }> {
    const seen = this.received.find(match);
    if (seen) {
      this.received.splice(this.received.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching push within ${timeoutMs} ms; got ${JSON.stringify(this.received.map((r) => r.type))}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (p) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(p), 1);
          resolve(p);
        },
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

export const wsUrl = (baseUrl: string, path: string, token: string): string =>
  `${baseUrl.replace(/^http/, 'ws')}${path}?token=${encodeURIComponent(token)}`;
