import http from 'node:http';
import { LoopbackServer } from './loopback.ts';

// Salesforce on loopback, after the documented shapes (developer.salesforce.com REST API pages,
// e.g. upsert by External ID; docs/connectors.md lists what no vendor page backs; no OpenAPI
// description exists): the My Domain OAuth token endpoint (client credentials, form-encoded),
// the REST API under /services/data/v62.0 (sObject create, upsert by External ID, update,
// CaseComment, SOQL query, limits), answering like Salesforce: errors as
// [{"message","errorCode"}], 401 INVALID_SESSION_ID for an expired token, 403
// REQUEST_LIMIT_EXCEEDED when the org's allocation is spent, 503 when down, 429 on demand.
// It also builds the callouts the printed Apex sends back to Baton.

export const SF_CLIENT_ID = '3MVG9-baton-test-consumer-key';
export const SF_CLIENT_SECRET = 'sf-consumer-secret-0123456789';
export const SF_ORG_ID = '00D5g000000BaTnEAK';
export const SF_USER_ID = '0055g00000IntGrAAA';
export const SF_API = '/services/data/v62.0';

export interface SfRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
  at: number;
}

export interface SfCase {
  Id: string;
  fields: Record<string, unknown>;
  createdAt: number;
  createdById: string;
  comments: { Id: string; CommentBody: string; IsPublished: boolean }[];
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const STANDARD_CASE_FIELDS = new Set([
  'Subject',
  'Description',
  'Origin',
  'Status',
  'Priority',
  'SuppliedEmail',
  'SuppliedName',
  'OwnerId',
  'ContactId',
]);
const PRIORITIES = new Set(['High', 'Medium', 'Low']);
const err = (status: number, errorCode: string, message: string): Answer => ({ status, body: [{ message, errorCode }] });
const sfId = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;

export class SalesforceStandIn extends LoopbackServer {
  readonly requests: SfRequest[] = [];
  readonly violations: string[] = [];
  readonly cases: SfCase[] = [];
  readonly tokensIssued: string[] = [];
  private readonly valid = new Set<string>();
  private seq = 0;
  /** 503 SERVER_UNAVAILABLE for every REST call while true. */
  down = false;
  /** 503 from the token endpoint while true (login service unavailable). */
  tokenDown = false;
  /** The next N REST calls matching get this answer (429 with Retry-After, or 403 REQUEST_LIMIT_EXCEEDED). */
  throttle: { count: number; status: 429 | 403; retryAfter?: string; match?: (r: SfRequest) => boolean } | null = null;
  /** The next call matching is handled, then its connection destroyed (Salesforce did the work, we never heard). */
  dropAfterHandling: ((r: SfRequest) => boolean) | null = null;

  constructor(readonly opts: { customFields: string[]; externalIdFields: string[] }) {
    super();
  }

  /** Every session ends (timeout policy, or an admin revoked it): the next call gets 401 INVALID_SESSION_ID. */
  expireTokens(): void {
    this.valid.clear();
  }

  calls(method: string, pathPrefix: string): SfRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  byHandoff(field: string, handoffId: string): SfCase[] {
    return this.cases.filter(
      (c) => c.fields[field] === handoffId || String(c.fields.Description ?? '').includes(`Baton handoff ${handoffId}`),
    );
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const rec: SfRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      raw,
      body: null,
      at: Date.now(),
    };
    this.requests.push(rec);
    const send = (a: Answer) => {
      if (this.dropAfterHandling?.(rec)) {
        this.dropAfterHandling = null;
        req.socket.destroy();
        return;
      }
      res.writeHead(a.status, { 'content-type': 'application/json;charset=UTF-8', ...(a.headers ?? {}) });
      res.end(a.body === undefined ? '' : JSON.stringify(a.body));
    };
    if (rec.path === '/services/oauth2/token') return send(this.token(rec));
    if (!rec.path.startsWith(`${SF_API}/`)) {
      this.violations.push(`no such endpoint: ${rec.method} ${rec.path}`);
      return send(err(404, 'NOT_FOUND', 'The requested resource does not exist'));
    }
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    if (!auth) {
      this.violations.push(`${rec.method} ${rec.path}: no bearer token`);
      return send(err(401, 'INVALID_AUTH_HEADER', 'INVALID_HEADER_TYPE'));
    }
    if (!this.valid.has(auth[1]!)) return send(err(401, 'INVALID_SESSION_ID', 'Session expired or invalid'));
    if (this.down) return send(err(503, 'SERVER_UNAVAILABLE', 'Server unavailable'));
    if (this.throttle && this.throttle.count > 0 && (!this.throttle.match || this.throttle.match(rec))) {
      this.throttle.count--;
      const headers = this.throttle.retryAfter ? { 'retry-after': this.throttle.retryAfter } : undefined;
      return send(
        this.throttle.status === 403
          ? { ...err(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), headers }
          : { ...err(429, 'REQUEST_LIMIT_EXCEEDED', 'Too many requests'), headers },
      );
    }
    if (raw) {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        this.violations.push(`${rec.method} ${rec.path}: body without JSON content type`);
      try {
        rec.body = JSON.parse(raw);
      } catch {
        this.violations.push(`${rec.method} ${rec.path}: body is not JSON`);
        return send(err(400, 'JSON_PARSER_ERROR', 'not JSON'));
      }
    }
    send(this.rest(rec));
  }

  private token(rec: SfRequest): Answer {
    if (this.tokenDown)
      return {
        status: 503,
        body: { error: 'temporarily_unavailable', error_description: 'service unavailable' },
        headers: { 'retry-after': '1' },
      };
    if (rec.method !== 'POST' || !String(rec.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      this.violations.push(`token: ${rec.method} ${String(rec.headers['content-type'])}`);
      return { status: 400, body: { error: 'invalid_request', error_description: 'must use POST, form-encoded' } };
    }
    const form = new URLSearchParams(rec.raw);
    if (form.get('grant_type') !== 'client_credentials') {
      this.violations.push(`token: grant_type ${form.get('grant_type')}`);
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
    }
    if (form.get('client_id') !== SF_CLIENT_ID || form.get('client_secret') !== SF_CLIENT_SECRET) {
      return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
    }
    const token = `00D5g000000BaTn!AQ.tok${this.tokensIssued.length + 1}`;
    this.tokensIssued.push(token);
    this.valid.add(token);
    return {
      status: 200,
      body: {
        access_token: token,
        signature: 'sig',
        scope: 'api',
        instance_url: this.url,
        id: `https://login.salesforce.com/id/${SF_ORG_ID}/${SF_USER_ID}`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      },
    };
  }

  private rest(rec: SfRequest): Answer {
    const p = rec.path.slice(SF_API.length).split('/').filter(Boolean).map(decodeURIComponent);
    const m = rec.method;
    if (m === 'GET' && p.join('/') === 'limits') return { status: 200, body: { DailyApiRequests: { Max: 100000, Remaining: 99000 } } };
    if (m === 'GET' && p.join('/') === 'query') return this.query(rec);
    if (p[0] === 'sobjects' && p[1] === 'Case') {
      if (m === 'POST' && p.length === 2) return this.createCase(rec, {});
      if (m === 'PATCH' && p.length === 4) return this.upsert(rec, p[2]!, p[3]!);
      if (m === 'GET' && p.length === 4) {
        const c = this.cases.find((x) => x.fields[p[2]!] === p[3]);
        return c
          ? { status: 200, body: { attributes: { type: 'Case' }, Id: c.Id } }
          : err(404, 'NOT_FOUND', 'Provided external ID field does not exist or is not accessible');
      }
      if (m === 'PATCH' && p.length === 3) {
        const c = this.cases.find((x) => x.Id === p[2]);
        if (!c) return err(404, 'NOT_FOUND', 'The requested resource does not exist');
        const bad = Object.keys(rec.body ?? {}).filter((k) => !this.fieldExists(k));
        if (bad.length) return this.invalid(`update: unknown fields ${bad.join(',')}`, 'INVALID_FIELD');
        Object.assign(c.fields, rec.body);
        return { status: 204 };
      }
    }
    if (m === 'POST' && p.join('/') === 'sobjects/CaseComment') return this.comment(rec);
    this.violations.push(`no such endpoint: ${m} ${rec.path}`);
    return err(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private fieldExists(name: string): boolean {
    return STANDARD_CASE_FIELDS.has(name) || this.opts.customFields.includes(name);
  }

  private invalid(what: string, code: string): Answer {
    this.violations.push(what);
    return err(400, code, what);
  }

  private checkCase(rec: SfRequest): string | null {
    const b = rec.body;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return 'case body is not an object';
    const unknown = Object.keys(b).filter((k) => !this.fieldExists(k));
    if (unknown.length) return `case: no such field ${unknown.join(',')}`;
    if (typeof b.Subject !== 'string' || b.Subject.length > 255) return 'case: Subject';
    if (b.Description !== undefined && (typeof b.Description !== 'string' || b.Description.length > 32000)) return 'case: Description';
    if (!PRIORITIES.has(b.Priority)) return `case: Priority ${String(b.Priority)} is not a picklist value`;
    if (typeof b.Status !== 'string' || typeof b.Origin !== 'string') return 'case: Status/Origin';
    if (b.OwnerId !== undefined && !/^(00G|005)[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(b.OwnerId))
      return 'case: OwnerId is not a queue or user id';
    if (b.OwnerId !== undefined && String(rec.headers['sforce-auto-assign'] ?? '').toUpperCase() !== 'FALSE')
      return 'case: OwnerId set but assignment rules would run (Sforce-Auto-Assign is TRUE by default)';
    return null;
  }

  private createCase(rec: SfRequest, extra: Record<string, unknown>): Answer {
    const problem = this.checkCase(rec);
    if (problem) return this.invalid(problem, problem.includes('field') ? 'INVALID_FIELD' : 'FIELD_INTEGRITY_EXCEPTION');
    const c: SfCase = {
      Id: sfId('500', ++this.seq),
      fields: { ...rec.body, ...extra },
      createdAt: Date.now(),
      createdById: SF_USER_ID,
      comments: [],
    };
    this.cases.push(c);
    return { status: 201, body: { id: c.Id, success: true, errors: [], created: true } };
  }

  private upsert(rec: SfRequest, field: string, value: string): Answer {
    if (!this.opts.externalIdFields.includes(field)) return this.invalid(`upsert: ${field} is not an External ID field`, 'NOT_FOUND');
    if (rec.body && field in rec.body) return this.invalid('upsert: the External ID field is in the URL, not the body', 'INVALID_FIELD');
    const hits = this.cases.filter((c) => c.fields[field] === value);
    if (hits.length > 1) return { status: 300, body: hits.map((c) => `${SF_API}/sobjects/Case/${c.Id}`) };
    if (hits.length === 1) {
      const problem = this.checkCase(rec);
      if (problem) return this.invalid(problem, 'FIELD_INTEGRITY_EXCEPTION');
      Object.assign(hits[0]!.fields, rec.body);
      return { status: 200, body: { id: hits[0]!.Id, success: true, errors: [], created: false } };
    }
    return this.createCase(rec, { [field]: value });
  }

  private comment(rec: SfRequest): Answer {
    const b = rec.body ?? {};
    const unknown = Object.keys(b).filter((k) => !['ParentId', 'CommentBody', 'IsPublished'].includes(k));
    if (unknown.length) return this.invalid(`comment: no such field ${unknown.join(',')}`, 'INVALID_FIELD');
    const c = this.cases.find((x) => x.Id === b.ParentId);
    if (!c) return this.invalid('comment: ParentId is not a Case', 'FIELD_INTEGRITY_EXCEPTION');
    if (typeof b.CommentBody !== 'string' || typeof b.IsPublished !== 'boolean')
      return this.invalid('comment: CommentBody/IsPublished', 'FIELD_INTEGRITY_EXCEPTION');
    if (Buffer.byteLength(b.CommentBody) > 4000)
      return this.invalid(`comment: ${Buffer.byteLength(b.CommentBody)} bytes, max 4000`, 'STRING_TOO_LONG');
    const Id = sfId('00a', ++this.seq);
    c.comments.push({ Id, CommentBody: b.CommentBody, IsPublished: b.IsPublished });
    return { status: 201, body: { id: Id, success: true, errors: [] } };
  }

  private query(rec: SfRequest): Answer {
    const q = rec.query.get('q') ?? '';
    const m =
      /^SELECT Id FROM Case WHERE Subject = '((?:[^'\\]|\\.)*)' AND CreatedDate >= (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)( AND CreatedById = '([A-Za-z0-9]{15,18})')? ORDER BY CreatedDate ASC LIMIT 1$/.exec(
        q,
      );
    if (!m) return this.invalid(`query: unexpected SOQL ${q}`, 'MALFORMED_QUERY');
    const subject = m[1]!.replace(/\\(.)/g, '$1');
    const since = Date.parse(m[2]!);
    const hits = this.cases.filter((c) => c.fields.Subject === subject && c.createdAt >= since && (!m[4] || c.createdById === m[4]));
    const records = hits.slice(0, 1).map((c) => ({ attributes: { type: 'Case', url: `${SF_API}/sobjects/Case/${c.Id}` }, Id: c.Id }));
    return { status: 200, body: { totalSize: records.length, done: true, records } };
  }
}

export interface CalloutEvent {
  type: 'comment' | 'email' | 'case';
  id: string;
  case_id: string;
  [k: string]: unknown;
}

/** What the printed Apex sends for a comment an agent added. */
export const commentEvent = (
  c: SfCase,
  body: string,
  o: { published?: boolean; by?: string; name?: string; id?: string } = {},
): CalloutEvent => ({
  type: 'comment',
  id: o.id ?? `00a${Math.random().toString(36).slice(2, 14).padEnd(12, '0')}AAA`,
  case_id: c.Id,
  body,
  is_published: o.published ?? true,
  created_by_id: o.by ?? '0055g00000AgentAAA',
  created_by_name: o.name ?? 'Sam Agent',
  created_at: new Date().toISOString(),
});

export const emailEvent = (c: SfCase, body: string, o: { incoming?: boolean; id?: string } = {}): CalloutEvent => ({
  type: 'email',
  id: o.id ?? `02s${Math.random().toString(36).slice(2, 14).padEnd(12, '0')}AAA`,
  case_id: c.Id,
  body,
  incoming: o.incoming ?? false,
  created_by_id: '0055g00000AgentAAA',
  created_by_name: 'Sam Agent',
  created_at: new Date().toISOString(),
});

export const closedEvent = (c: SfCase, o: { by?: string; at?: string } = {}): CalloutEvent => ({
  type: 'case',
  id: c.Id,
  case_id: c.Id,
  status: 'Closed',
  is_closed: true,
  closed_at: o.at ?? new Date().toISOString(),
  changed_by_id: o.by ?? '0055g00000AgentAAA',
});

export const calloutBody = (events: CalloutEvent[], org = SF_ORG_ID): string => JSON.stringify({ organization_id: org, events });
