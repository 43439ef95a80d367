// The HTTP side of a tool: builds the request from its definition (path, query or JSON body,
// auth secret), sends it through the SSRF-safe client with the tool's deadline, and reduces
// the answer to a ToolOutcome with only the declared output fields. Never throws.
import { isDeepStrictEqual } from 'node:util';
import { OutboundError, safeRequest } from '../../webhooks/safe-http.ts';
import type { CallTool, ToolDefinition, ToolOutcome } from '../types.ts';

export interface ToolCallerOptions {
  /** The company's API; tool paths are appended to it. */
  apiBase: string;
  /** The workspace's API secret, sent as the tool's `auth` says (nothing when absent). */
  secret?: string | null;
  /** Loopback and private addresses are refused unless the admin allowed them (tests, on-premise APIs). */
  allowPrivate: boolean;
}

/** Longest API error message passed on: enough for "order is not pending", not a whole page. */
const MAX_MESSAGE = 300;

export function createToolCaller(opts: ToolCallerOptions): CallTool {
  return async (tool, args) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const fail = (error: Exclude<ToolOutcome, { ok: true }>['error'], message: string, status?: number): ToolOutcome => ({
      ok: false,
      error,
      ...(status === undefined ? {} : { status }),
      message,
      durationMs: elapsed(),
    });

    const problems = checkArgs(tool, args);
    if (problems.length) return fail('invalid', problems.join('; '));
    const built = buildRequest(tool, args, opts);
    if ('error' in built) return fail('invalid', built.error);

    let res;
    try {
      res = await safeRequest(built.url, {
        method: tool.method,
        headers: built.headers,
        body: built.body,
        timeoutMs: tool.timeoutMs,
        allowPrivate: opts.allowPrivate,
      });
    } catch (err) {
      if (err instanceof OutboundError) {
        const kind = err.kind === 'ssrf' || err.kind === 'timeout' || err.kind === 'invalid' ? err.kind : 'network';
        return fail(kind, err.message);
      }
      // Node refuses a header name or value it cannot send (a secret with a line break) before any byte leaves.
      const code = (err as NodeJS.ErrnoException).code ?? '';
      return fail(code.startsWith('ERR_INVALID') ? 'invalid' : 'network', (err as Error).message);
    }

    const json = parseJson(res.body);
    if (res.status < 200 || res.status >= 300) {
      return fail('http', apiMessage(json) ?? `${tool.method} ${tool.path} answered ${res.status}`, res.status);
    }
    // A 2xx with a body that is not JSON (plain text ids) is kept as the text itself.
    const data = json === undefined ? (res.body === '' ? null : res.body) : json;
    return {
      ok: true,
      status: res.status,
      data: tool.output ? keepFields(data, keptPaths(tool, tool.output)) : data,
      durationMs: elapsed(),
    };
  };
}

/**
 * The output fields plus those the guard rails read: the owner of a record and the verified
 * identity. Left out of `output` by mistake, they would hide another customer's record from
 * the ownership check instead of withholding it.
 */
function keptPaths(tool: ToolDefinition, output: string[]): string[] {
  const extra = [tool.ownerField, tool.verifies?.resultField].filter((p): p is string => !!p);
  return [...new Set([...output, ...extra])];
}

/** Required arguments present, no undeclared ones, declared types and enums respected; a call with bad arguments never leaves. */
export function checkArgs(tool: ToolDefinition, args: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const props = tool.input.properties;
  for (const name of tool.input.required) {
    if (args[name] === undefined || args[name] === null) problems.push(`missing argument "${name}"`);
  }
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const prop = props[name];
    // Only declared arguments leave: a model cannot slip an extra field into a write's body.
    if (!prop) {
      problems.push(`unknown argument "${name}"`);
      continue;
    }
    if (value === null) continue;
    const declared = prop.type;
    if (typeof declared === 'string' || Array.isArray(declared)) {
      const types = (Array.isArray(declared) ? declared : [declared]) as string[];
      if (!types.some((t) => hasType(value, t))) problems.push(`argument "${name}" should be ${types.join(' or ')}`);
    }
    if (Array.isArray(prop.enum) && !prop.enum.some((e) => isDeepStrictEqual(e, value))) {
      problems.push(`argument "${name}" should be one of ${prop.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function buildRequest(
  tool: ToolDefinition,
  args: Record<string, unknown>,
  opts: ToolCallerOptions,
): { url: string; headers: Record<string, string>; body?: string } | { error: string } {
  const rest: Record<string, unknown> = { ...args };
  let missing: string | null = null;
  const path = tool.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null || value === '') missing ??= name;
    return encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value ?? ''));
  });
  if (missing) return { error: `missing path argument "${missing}"` };

  let url: URL;
  try {
    url = new URL(opts.apiBase.replace(/\/+$/, '') + path);
  } catch {
    return { error: `not a URL: ${opts.apiBase}` };
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  for (const key of Object.keys(rest)) if (rest[key] === undefined) delete rest[key];
  if (BODY_METHODS.has(tool.method)) {
    body = JSON.stringify(rest);
    headers['content-type'] = 'application/json';
  } else {
    for (const [key, value] of Object.entries(rest)) {
      if (value === null) continue;
      // Arrays repeat the key (form style, explode: the OpenAPI default for query parameters).
      for (const v of Array.isArray(value) ? value : [value]) {
        url.searchParams.append(key, typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
    }
  }
  if (tool.auth && opts.secret) {
    if (tool.auth.type === 'bearer') headers.authorization = `Bearer ${opts.secret}`;
    else headers[tool.auth.header.toLowerCase()] = opts.secret;
  }
  return { url: url.toString(), headers, body };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The API's own words for an error, from the usual JSON shapes ({error}, {message}, {detail}, {error: {message}}). */
function apiMessage(json: unknown): string | null {
  if (typeof json === 'string' && json.trim()) return json.trim().slice(0, MAX_MESSAGE);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, MAX_MESSAGE);
    if (typeof v === 'object' && v !== null) {
      const inner = apiMessage(v);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * Keeps only the listed fields (dot paths). A path through an array applies to each element, so
 * "items.name" on {items: [{name, price}]} keeps {items: [{name}]}. A top-level array is
 * filtered element by element. Fields absent from the result are simply not kept.
 */
export function keepFields(data: unknown, paths: string[]): unknown {
  return pick(
    data,
    paths.map((p) => p.split('.').filter(Boolean)),
  );
}

function pick(data: unknown, paths: string[][]): unknown {
  if (paths.some((p) => p.length === 0)) return data;
  if (Array.isArray(data)) return data.map((d) => pick(d, paths));
  if (typeof data !== 'object' || data === null) return data;
  const source = data as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const byHead = new Map<string, string[][]>();
  for (const [head, ...tail] of paths) {
    if (!Object.hasOwn(source, head!)) continue;
    byHead.set(head!, [...(byHead.get(head!) ?? []), tail]);
  }
  for (const [head, tails] of byHead) out[head] = pick(source[head], tails);
  return out;
}
