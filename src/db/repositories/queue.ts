import { sql } from 'kysely';
import type { Executor } from './executor.ts';

// Where a queued conversation stands, and how long recent customers of the same queue waited.
// A queue is one workspace's queued conversations for one team (or for no team). Its order:
// priority (urgent first), then the time the open handoff was asked for, earliest first.

export interface QueueStanding {
  conversation_id: string;
  team_id: string | null;
  /** 1 is next in line. */
  position: number;
  /** When the open handoff was asked for: how long this customer has waited already. */
  requested_at: Date;
}

/** The standing of each of `conversationIds` that is queued (the others are left out). */
export async function queueStandings(db: Executor, workspaceId: string, conversationIds: string[]): Promise<QueueStanding[]> {
  if (conversationIds.length === 0) return [];
  const rows = await sql<{ conversation_id: string; team_id: string | null; position: string | number; requested_at: Date | string }>`
    with waiting as (
      select c.id, c.team_id, c.priority, h.requested_at
      from conversations c
      join lateral (
        select requested_at from handoffs
        where handoffs.conversation_id = c.id and handoffs.resolved_at is null
        order by requested_at desc limit 1
      ) h on true
      where c.workspace_id = ${workspaceId} and c.status = 'queued'
    ), ranked as (
      select id, team_id, requested_at,
        row_number() over (
          partition by team_id
          order by case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end, requested_at, id
        ) as position
      from waiting
    )
    select id as conversation_id, team_id, position, requested_at from ranked
    where id in (${sql.join(conversationIds)})
  `.execute(db);
  return rows.rows.map((r) => ({
    conversation_id: r.conversation_id,
    team_id: r.team_id,
    position: Number(r.position),
    requested_at: new Date(r.requested_at),
  }));
}

export interface RecentWaits {
  /** How many pick-ups the figures come from. */
  samples: number;
  /** Seconds from asking for a person to an agent accepting: the median and the 90th percentile. */
  p50: number | null;
  p90: number | null;
}

/** How long the last `limit` customers of this queue waited for an agent, picked up since `since`. */
export async function recentWaits(
  db: Executor,
  workspaceId: string,
  teamId: string | null,
  opts: { since: Date; limit: number },
): Promise<RecentWaits> {
  const team = teamId === null ? sql`team_id is null` : sql`team_id = ${teamId}`;
  const { rows } = await sql<{ samples: string | number; p50: number | string | null; p90: number | string | null }>`
    with waits as (
      select extract(epoch from (accepted_at - requested_at)) as seconds
      from handoffs
      where workspace_id = ${workspaceId} and ${team} and accepted_at is not null and accepted_at >= ${opts.since}
      order by accepted_at desc
      limit ${opts.limit}
    )
    select count(*) as samples,
      percentile_cont(0.5) within group (order by seconds) as p50,
      percentile_cont(0.9) within group (order by seconds) as p90
    from waits
  `.execute(db);
  const r = rows[0];
  const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return { samples: Number(r?.samples ?? 0), p50: num(r?.p50), p90: num(r?.p90) };
}

/** Agents online who can take this queue: the team's members, or anyone in the workspace for no team. */
export async function agentsOnlineFor(db: Executor, workspaceId: string, teamId: string | null): Promise<number> {
  let q = db
    .selectFrom('agents')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('agents.workspace_id', '=', workspaceId)
    .where('agents.status', '=', 'online')
    .where('agents.role', '!=', 'viewer');
  if (teamId !== null) q = q.innerJoin('team_members', 'team_members.agent_id', 'agents.id').where('team_members.team_id', '=', teamId);
  const row = await q.executeTakeFirst();
  return Number(row?.count ?? 0);
}
