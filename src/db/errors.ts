/** The SQLSTATE of a database error (pg puts it on the error, some wrappers on its cause). */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code ?? (err as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `err` is a unique_violation, of the named constraint or index when one is given. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (sqlState(err) !== '23505') return false;
  if (!constraint) return true;
  const e = err as { constraint?: unknown; message?: unknown; cause?: { constraint?: unknown } };
  // pg names the constraint; PGlite may only say it in the message.
  return e.constraint === constraint || e.cause?.constraint === constraint || String(e.message ?? '').includes(`"${constraint}"`);
}
