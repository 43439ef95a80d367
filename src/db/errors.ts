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

/** SQLSTATEs of a connection that Postgres ended or would not open (restart, shutdown, admin). */
const CONNECTION_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether `err` says the connection is gone (or could not be made) rather than that the
 * statement was wrong: Postgres restarting, an administrator ending the session, a reset socket.
 */
export function isConnectionLost(err: unknown): boolean {
  const code = sqlState(err);
  if (code && (CONNECTION_STATES.has(code) || CONNECTION_ERRNOS.has(code))) return true;
  const message = String((err as { message?: unknown })?.message ?? '');
  // pg says so in words only.
  return /^Connection terminated|not queryable|Connection ended/i.test(message);
}
