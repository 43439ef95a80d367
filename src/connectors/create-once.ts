import type { ThreadRef } from './types.ts';

/**
 * The vendor object of a handoff, created at most once across crashes, for vendors with no
 * idempotency key but a lookup by our id (Gorgias `external_id`, Kustomer `externalId`).
 *
 * Before the create, `create_started_at` is recorded. An attempt that finds it set (an earlier
 * one may have created the object and died before recording its id) looks the object up first
 * and only creates when the lookup finds nothing. The id is recorded as soon as it is known.
 */
export async function createOnce(args: {
  progress: ThreadRef;
  save: (ref: ThreadRef) => Promise<void>;
  /** The object an earlier attempt made, by our id; null when there is none. */
  find: () => Promise<string | null>;
  /** Creates it (carrying our id, so `find` sees it) and answers its vendor id. */
  create: () => Promise<string>;
  now?: () => number;
}): Promise<ThreadRef> {
  const data: Record<string, unknown> = { ...args.progress.data };
  if (args.progress.externalId) return { externalId: args.progress.externalId, data };
  let externalId = data.create_started_at ? await args.find() : null;
  if (!externalId) {
    data.create_started_at = Math.floor((args.now ?? Date.now)() / 1000);
    await args.save({ externalId: null, data });
    externalId = await args.create();
  }
  const ref = { externalId, data };
  await args.save(ref);
  return ref;
}

/** The vendor's team (group, queue) for a Baton team, by id or name, else the default. */
export function mapTeam<T>(map: Record<string, T>, team: { id: string; name: string } | null, fallback?: T): T | undefined {
  return (team && (map[team.id] ?? map[team.name])) ?? fallback;
}
