import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { agentsOnlineFor, queueStandings, recentWaits, type QueueStanding, type RecentWaits } from '../db/repositories/queue.ts';

// What a queued customer is told while they wait: their place in line and how long it will
// probably take, from how long this queue's recent customers waited. The wait is a range
// ("a few minutes", "10 to 20 minutes"), never a minute count: the figures it comes from are
// too thin for more, and a promise missed by one minute reads worse than a range kept.

export interface ExpectedWait {
  /** The range the estimate falls in, in whole minutes; `max_minutes` null: "more than". */
  min_minutes: number;
  max_minutes: number | null;
}

export interface QueuePlace {
  /** 1: next in line. */
  position: number;
  /** Conversations before this one in the same queue. */
  ahead: number;
  /** null: too few recent pick-ups to say, or nobody on shift for this queue. */
  expected_wait: ExpectedWait | null;
}

/** The ranges a wait is told in (minutes); the last is open-ended. */
export const WAIT_RANGES: readonly ExpectedWait[] = [
  { min_minutes: 0, max_minutes: 2 },
  { min_minutes: 2, max_minutes: 5 },
  { min_minutes: 5, max_minutes: 10 },
  { min_minutes: 10, max_minutes: 20 },
  { min_minutes: 20, max_minutes: 30 },
  { min_minutes: 30, max_minutes: 60 },
  { min_minutes: 60, max_minutes: null },
];

/** Fewer recent pick-ups than this and no wait is estimated. */
export const MIN_SAMPLES = 3;
/** Which pick-ups count as recent: the last 50 of the last week. */
const RECENT = { days: 7, limit: 50 };

/**
 * The range a customer's remaining wait probably falls in. The agents online for the queue
 * take the conversations ahead in parallel, so a customer at `position` waits about
 * ceil(position / online) "turns", each about as long as a recent customer's wait (its median);
 * the time already waited is taken off.
 */
export function estimateWait(input: { position: number; online: number; waits: RecentWaits; waitedSeconds: number }): ExpectedWait | null {
  const { waits, online } = input;
  if (online <= 0 || waits.samples < MIN_SAMPLES || waits.p50 === null) return null;
  const turns = Math.ceil(input.position / online);
  const seconds = Math.max(0, waits.p50 * turns - input.waitedSeconds);
  const minutes = seconds / 60;
  return WAIT_RANGES.find((r) => r.max_minutes === null || minutes < r.max_minutes) ?? WAIT_RANGES[WAIT_RANGES.length - 1]!;
}

/** Reads what estimateWait needs, for one or many conversations of a workspace. */
export class QueuePlaces {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The place of each queued conversation among `conversationIds`; the others are absent from the map. */
  async of(workspaceId: string, conversationIds: string[]): Promise<Map<string, QueuePlace>> {
    const standings = await queueStandings(this.db, workspaceId, conversationIds);
    const now = this.now();
    const since = new Date(now.getTime() - RECENT.days * 86_400_000);
    // One read of the recent waits and the agents online per queue, however many customers wait in it.
    const perTeam = new Map<string | null, Promise<{ waits: RecentWaits; online: number }>>();
    const teamFigures = (teamId: string | null) => {
      let figures = perTeam.get(teamId);
      if (!figures) {
        figures = Promise.all([
          recentWaits(this.db, workspaceId, teamId, { since, limit: RECENT.limit }),
          agentsOnlineFor(this.db, workspaceId, teamId),
        ]).then(([waits, online]) => ({ waits, online }));
        perTeam.set(teamId, figures);
      }
      return figures;
    };
    const places = new Map<string, QueuePlace>();
    await Promise.all(
      standings.map(async (s: QueueStanding) => {
        const { waits, online } = await teamFigures(s.team_id);
        const waitedSeconds = Math.max(0, (now.getTime() - s.requested_at.getTime()) / 1000);
        places.set(s.conversation_id, {
          position: s.position,
          ahead: s.position - 1,
          expected_wait: estimateWait({ position: s.position, online, waits, waitedSeconds }),
        });
      }),
    );
    return places;
  }

  /** One conversation's place, or null when it is not waiting in a queue. */
  async ofOne(workspaceId: string, conversationId: string): Promise<QueuePlace | null> {
    return (await this.of(workspaceId, [conversationId])).get(conversationId) ?? null;
  }
}
