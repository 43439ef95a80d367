import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { isUuid } from '../schemas.ts';
import { isUniqueViolation } from '../../../db/errors.ts';

export const adminAccess = { access: { kind: 'staff' as const, role: 'admin' as const } };
export const tags = ['admin'];

/** Keyset cursors over ids (lists ordered by id). */
export const encodeIdCursor = (id: string): string => Buffer.from(JSON.stringify({ after: id })).toString('base64url');

/** An article's id: the customer's own (a slug), not a uuid; bounded and free of control characters. */
export const isArticleId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 200 && !/[\u0000-\u001f]/.test(v);

/** The id a cursor carries, checked as the list's ids are (uuids unless said otherwise); a clear 400 otherwise. */
export function decodeIdCursor(cursor: string | undefined, isId: (v: unknown) => v is string = isUuid): string | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { after?: unknown };
    if (isId(v.after)) return v.after;
  } catch {
    // fall through
  }
  throw new AppError('invalid_request', 'cursor: not a cursor this API returned');
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

/** A page of rows fetched with limit + 1, and the cursor to the next one. */
export function page<T extends { id: string }>(rows: T[], limit: number): { items: T[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? encodeIdCursor(last.id) : null };
}

/** Postgres unique_violation, as a catalogue error. */
export async function uniquely<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', `${what} already exists.`);
    throw err;
  }
}

export const Skills = z.array(z.string().trim().min(1).max(100)).max(100);
export const Languages = z.array(z.string().trim().min(2).max(10)).max(50);
