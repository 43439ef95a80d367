import { z } from 'zod';

// Schemas shared by several resources.
export const IdParams = z.object({ id: z.string().uuid() });
/** True for what z.string().uuid() accepts: cursors carry row ids and must hold nothing else. */
export const isUuid = (v: unknown): v is string => z.string().uuid().safeParse(v).success;
export const MessageText = z.string().trim().min(1, 'must not be empty').max(10_000);

/** The sender's own id for a line: sending it again with the same id returns the line already kept. */
export const ClientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, "-" or "_"')
  .describe(
    'Your own id for this line (e.g. a UUID). Send it again with the same id after a timeout: you get the line already kept, never a second copy.',
  );
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
    // Only what encodeCursor writes: a date Postgres can compare (years 0-9999) and a row id.
    if (Number.isNaN(updatedAt.getTime()) || Math.abs(updatedAt.getUTCFullYear() - 5000) > 5000 || !isUuid(id)) return null;
    return { updatedAt, id };
  } catch {
    return null;
  }
}
