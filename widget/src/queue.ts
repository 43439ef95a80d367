// The line a queued customer reads under "Waiting for a person": their place in the queue and
// the expected wait, in the server's ranges ("a few minutes"), never as a minute count.
import type { QueuePlace } from './api.ts';
import type { Strings } from './i18n.ts';

export function waitText(wait: NonNullable<QueuePlace['expected_wait']>, t: Strings): string {
  const { min_minutes: min, max_minutes: max } = wait;
  if (max === null) return t.waitLong;
  if (max <= 2) return t.waitShort;
  if (max <= 5) return t.waitFew;
  if (min >= 30 && max <= 60) return t.waitHour;
  return t.waitRange.replace('{min}', String(min)).replace('{max}', String(max));
}

/** Two short sentences: where the customer stands, then how long it will probably take. */
export function queueText(place: QueuePlace, t: Strings): { where: string; wait: string } {
  const where = place.position <= 1 ? t.queueNext : t.queuePos.replace('{n}', String(place.position));
  const wait = place.expected_wait ? t.queueWait.replace('{wait}', waitText(place.expected_wait, t)) : t.queueSoon;
  return { where, wait };
}
