import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

/*
 * Checks every string a request brings (body, query string, path parameters) before any
 * route sees it, in one place rather than per route: Postgres cannot store NUL characters
 * or unpaired UTF-16 surrogates ("\ud800" in JSON), so they are a 400 here instead of a 500
 * from the database. An empty PATCH body changes nothing: when it gets as far as the
 * database (the resource exists, so "not found" comes first), it is a 400 (emptyPatch).
 */

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The JSON path of the first string (or key) that cannot be stored, or undefined. */
export function unstorablePath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || '/' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}/${key}`;
    if (UNSTORABLE.test(key)) return at;
    const found = unstorablePath(child, at);
    if (found) return found;
  }
  return undefined;
}

function check(request: FastifyRequest): void {
  const parts = { body: request.body, querystring: request.query, params: request.params } as const;
  for (const [part, value] of Object.entries(parts)) {
    const path = unstorablePath(value);
    if (path !== undefined) {
      const where = `${part}${path === '/' ? '' : path}`;
      throw new AppError('invalid_request', `${where}: contains a NUL character or an unpaired surrogate`, [
        { path: where, message: 'contains a NUL character or an unpaired surrogate' },
      ]);
    }
  }
}

export function registerInputChecks(app: FastifyInstance): void {
  // preValidation runs after the body is parsed and after the access check (plugins/auth.ts,
  // registered first), so an anonymous caller still learns nothing about a protected route.
  app.addHook('preValidation', async (request) => check(request));
}

/** A PATCH whose body names no field: what the error handler answers with 400, not 500. */
export function emptyPatch(request: FastifyRequest): boolean {
  return request.method === 'PATCH' && typeof request.body === 'object' && request.body !== null && Object.keys(request.body).length === 0;
}
