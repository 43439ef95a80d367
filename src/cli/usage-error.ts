// How the CLI reports a mistake: one line and exit status 2, never a stack trace. A stack trace
// is kept for what is not the user's doing (a bug), and even then only with BATON_DEBUG=1.

/** A mistake in how a command was called (a flag, a file, an empty input). */
export class UsageError extends Error {}

// Operating-system errors a user causes and can fix: a missing or unwritable file, a port in use.
const USER_FIXABLE = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EADDRINUSE', 'EADDRNOTAVAIL', 'EROFS']);

export interface Reported {
  line: string;
  exitCode: 1 | 2;
  stack?: string;
}

/** What to print for an error that reached the top of a command, and the exit status. */
export function reportError(err: unknown, debug: boolean): Reported {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return { line: `baton: ${addressInUse(e)}`, exitCode: 2 };
  if (e instanceof UsageError || (code && USER_FIXABLE.has(code))) return { line: `baton: ${e.message}`, exitCode: 2 };
  return {
    line: `baton: ${e.message}${debug ? '' : ' (run again with BATON_DEBUG=1 for details)'}`,
    exitCode: 1,
    stack: debug ? e.stack : undefined,
  };
}

function addressInUse(e: NodeJS.ErrnoException & { port?: number; address?: string }): string {
  const where = e.port ? `${e.address ?? ''}:${e.port}` : 'the address';
  return `${where} is already in use: stop what runs there or choose another port (--port or PORT)`;
}
