import { z } from 'zod';

// Schemas shared by several resources.
export const IdParams = z.object({ id: z.string().uuid() });
export const MessageText = z.string().trim().min(1, 'must not be empty').max(10_000);
export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Opaque keyset cursors: base64url of the last row's sort key. */
export const encodeCursor = (updatedAt: Date, id: string): string =>
  Buffer.from(JSON.stringify([new Date(updatedAt).toISOString(), id])).toString('base64url');

export function decodeCursor(cursor: string): { updatedAt: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const updatedAt = new Date(at);
    if (Number.isNaN(updatedAt.getTime()) || typeof id !== 'string') return null;
    return { updatedAt, id };
  } catch {
    return null;
  }
}
