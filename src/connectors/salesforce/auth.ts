import { createHash } from 'node:crypto';
import { OutboundError, safeRequest } from '../../webhooks/safe-http.ts';
import { parseRetryAfter } from '../../retry.ts';
import type { VendorClient, VendorResponse } from '../http.ts';

// OAuth 2.0 client credentials against the org's My Domain token endpoint
// (POST https://<MyDomain>.my.salesforce.com/services/oauth2/token, form-encoded), the access
// token cached per connected app in this process, refreshed once when the REST API answers
// 401 INVALID_SESSION_ID. Every REST call goes through the connector's VendorClient (rate
// budget, Retry-After, retry classification); only the token call itself, which must be
// form-encoded, uses safeRequest directly (same SSRF rules).

export interface SalesforceSession {
  accessToken: string;
  /** From the identity URL in the token answer (https://login.salesforce.com/id/<org>/<user>). */
  organizationId: string | null;
  userId: string | null;
}

const TOKEN_TIMEOUT_MS = 15_000;
/** Per connected app: the token request in flight or done, and its answer once it came. */
const sessions = new Map<string, { pending: Promise<SalesforceSession>; value?: SalesforceSession }>();

/** Salesforce ids are 15 (case-sensitive) or 18 characters; the first 15 identify the record. */
export const sameId = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.slice(0, 15) === b.slice(0, 15);

async function fetchToken(baseUrl: string, clientId: string, clientSecret: string, allowPrivate: boolean): Promise<SalesforceSession> {
  const res = await safeRequest(`${baseUrl.replace(/\/$/, '')}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    timeoutMs: TOKEN_TIMEOUT_MS,
    allowPrivate,
  });
  let json: any = null;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = null;
  }
  if (res.status === 200 && typeof json?.access_token === 'string') {
    const ids = /\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})$/.exec(String(json.id ?? ''));
    return { accessToken: json.access_token, organizationId: ids?.[1] ?? null, userId: ids?.[2] ?? null };
  }
  const retryable = res.status === 429 || res.status === 408 || res.status >= 500;
  // The OAuth error code (invalid_client, invalid_grant...) says what to fix; it carries no personal data.
  const code = typeof json?.error === 'string' ? ` (${json.error.replace(/[^a-z_]/gi, '').slice(0, 40)})` : '';
  throw new OutboundError(
    `salesforce token endpoint answered ${res.status}${code}`,
    'http',
    retryable,
    res.status,
    parseRetryAfter(res.headers['retry-after']),
  );
}

export class SalesforceAuth {
  private readonly key: string;

  constructor(private readonly opts: { baseUrl: string; clientId: string; clientSecret: string; allowPrivate: boolean }) {
    const secret = createHash('sha256').update(opts.clientSecret).digest('hex').slice(0, 16);
    this.key = `${opts.baseUrl}|${opts.clientId}|${secret}`;
  }

  /** The cached session, or a new one; concurrent callers share one token request. */
  session(): Promise<SalesforceSession> {
    const cached = sessions.get(this.key);
    if (cached) return cached.pending;
    const entry: { pending: Promise<SalesforceSession>; value?: SalesforceSession } = {
      pending: fetchToken(this.opts.baseUrl, this.opts.clientId, this.opts.clientSecret, this.opts.allowPrivate),
    };
    sessions.set(this.key, entry);
    void entry.pending.then(
      (value) => {
        entry.value = value;
      },
      () => {
        if (sessions.get(this.key) === entry) sessions.delete(this.key);
      },
    );
    return entry.pending;
  }

  /** Forget a token the API refused, unless another caller already replaced it. */
  invalidate(stale: SalesforceSession): void {
    const entry = sessions.get(this.key);
    if (entry?.value?.accessToken === stale.accessToken) sessions.delete(this.key);
  }

  /** Drop the cached token (tests, or credentials changed). */
  static clearCache(): void {
    sessions.clear();
  }
}

/** The API's error code (INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED...): a constant, never message text. */
export const errorCodeOf = (json: unknown): string | null => {
  const first = Array.isArray(json) ? json[0] : json;
  const code = first && typeof first === 'object' ? (first as { errorCode?: unknown }).errorCode : undefined;
  return typeof code === 'string' ? code.replace(/[^A-Z_]/g, '').slice(0, 60) : null;
};

/** When the org's daily API allocation is spent, try again after this long (unless Retry-After says otherwise). */
const LIMIT_EXCEEDED_RETRY_MS = 5 * 60_000;

/**
 * A REST call with the bearer token: on 401 INVALID_SESSION_ID the token is fetched again and
 * the call made once more. 403 REQUEST_LIMIT_EXCEEDED (the org's 24-hour API allocation) is
 * retried later, not dead-lettered; other 4xx fail for good unless `accept`ed.
 */
export async function sfRequest<T = any>(
  client: VendorClient,
  auth: SalesforceAuth,
  method: string,
  path: string,
  body?: unknown,
  extra: { headers?: Record<string, string>; accept?: number[] } = {},
): Promise<VendorResponse<T>> {
  for (let attempt = 0; ; attempt++) {
    const session = await auth.session();
    const res = await client.request<T>(method, path, body, {
      headers: { authorization: `Bearer ${session.accessToken}`, ...(extra.headers ?? {}) },
      accept: [401, 403, ...(extra.accept ?? [])],
    });
    const where = `salesforce ${method} ${path.split('?')[0]}`;
    if (res.status === 401) {
      if (attempt === 0 && errorCodeOf(res.json) === 'INVALID_SESSION_ID') {
        auth.invalidate(session);
        continue;
      }
      throw new OutboundError(`${where} answered 401 after a fresh token`, 'http', false, 401);
    }
    if (res.status === 403 && !(extra.accept ?? []).includes(403)) {
      if (errorCodeOf(res.json) === 'REQUEST_LIMIT_EXCEEDED') {
        throw new OutboundError(
          `${where}: the org's API request limit is exceeded`,
          'http',
          true,
          403,
          parseRetryAfter(res.headers['retry-after']) ?? LIMIT_EXCEEDED_RETRY_MS,
        );
      }
      throw new OutboundError(`${where} answered 403 (${errorCodeOf(res.json) ?? 'forbidden'})`, 'http', false, 403);
    }
    return res;
  }
}
