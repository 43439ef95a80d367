// How a server process ends on SIGINT or SIGTERM: a graceful stop (in-flight requests answered,
// sockets told, jobs handed back), bounded in time. A stop can hang on a connection Postgres
// dropped while it was down, and an orchestrator would only SIGKILL the process later, without
// a word in the log; past the deadline the process exits by itself, with an error logged.

/** How long a graceful stop may take before the process exits anyway (ms). */
export const STOP_DEADLINE_MS = 15_000;

export function exitOnSignal(
  stop: () => Promise<void>,
  log: { error: (obj: object, msg: string) => void },
  {
    deadlineMs = STOP_DEADLINE_MS,
    stage = () => null,
  }: {
    deadlineMs?: number;
    /** What the stop is waiting for now, for the log line when it overruns. */
    stage?: () => string | null;
  } = {},
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => {
      log.error({ signal, deadlineMs, stage: stage() }, 'graceful stop did not finish in time: exiting');
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err, signal }, 'graceful stop failed: exiting');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
