// The monthly QA rubric for handoffs (checklist: "sample 100 escalations per month to QA
// handoff brief quality"). Each item is scored 1..5 by a reviewer.
import { createHash } from 'node:crypto';

export const RUBRIC = [
  {
    id: 'summary_accurate',
    title: 'Summary is accurate',
    description: "The brief's summary and goal state the customer's issue correctly, in their words.",
    brief: true,
  },
  {
    id: 'context_complete',
    title: 'Context is complete',
    description: 'The brief held what the agent needed (ids, what the bot tried, collected fields); nothing had to be asked again.',
    brief: true,
  },
  {
    id: 'reason_correct',
    title: 'Escalation reason is right',
    description: 'The reasons, confidence and threshold match what happened in the conversation.',
    brief: true,
  },
  {
    id: 'next_step_useful',
    title: 'Next step is useful',
    description: 'The recommended next step was right, or at least helpful.',
    brief: true,
  },
  {
    id: 'routing_correct',
    title: 'Routed to the right place',
    description: 'The conversation reached the right team or agent, at the right priority.',
    brief: false,
  },
  {
    id: 'customer_not_repeated',
    title: 'Customer did not repeat themselves',
    description: 'After the handoff the customer never had to re-explain or give information again.',
    brief: false,
  },
] as const;

export type RubricItemId = (typeof RUBRIC)[number]['id'];
export const RUBRIC_IDS = RUBRIC.map((r) => r.id) as [RubricItemId, ...RubricItemId[]];
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** A score in 1..5 as 0..100. */
export const toPercent = (mean: number): number => Number((((mean - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)) * 100).toFixed(1));

/** The month's seed: the same workspace and month always draw the same sample. */
export function monthSeed(workspaceId: string, month: string): number {
  return createHash('sha256').update(`qa-sample:${workspaceId}:${month}`).digest().readUInt32BE(0);
}

/** n items drawn without replacement by a seeded Fisher-Yates over `items` (in a stable order). */
export function seededSample<T>(items: T[], n: number, seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const a = items.slice();
  const k = Math.min(n, a.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

/** [start, end) of a YYYY-MM month in UTC. */
export function monthRange(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(y, m - 1, 1)), end: new Date(Date.UTC(y, m, 1)) };
}
