// Runs an operation by name on a store from raw arguments, checked as the HTTP routes check them;
// and replays a list of calls on a fresh copy of the loaded records (the state a correct
// conversation should leave, to compare with the live one).
import { invalidArguments, RetailError } from './errors.ts';
import type { RetailOperation } from './operation.ts';
import { RETAIL_OPERATIONS } from './operations/index.ts';
import type { RetailStore } from './store.ts';
import type { RetailData } from './data.ts';

export function runOperation(store: RetailStore, op: RetailOperation, args: Record<string, unknown>): unknown {
  const parsed = op.input.safeParse(args);
  if (!parsed.success) throw invalidArguments(parsed.error);
  return op.run(store, parsed.data);
}

export interface ReplayResult {
  state: RetailData;
  /** The calls that were refused (they changed nothing), with why. */
  errors: Array<{ index: number; name: string; status: number; error: string }>;
}

export function replayOnFresh(store: RetailStore, calls: Array<{ name: string; args: Record<string, unknown> }>): ReplayResult {
  const fresh = store.fresh();
  const errors: ReplayResult['errors'] = [];
  calls.forEach(({ name, args }, index) => {
    const op = RETAIL_OPERATIONS.find((o) => o.name === name);
    try {
      if (!op) throw new RetailError(404, `no operation ${name}`);
      runOperation(fresh, op, args);
    } catch (e) {
      if (!(e instanceof RetailError)) throw e;
      errors.push({ index, name, status: e.status, error: e.message });
    }
  });
  return { state: fresh.snapshot(), errors };
}
