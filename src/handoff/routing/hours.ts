import type { BusinessHours } from '../../workspaces/policy.ts';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The wall-clock day, date and HH:MM of `now` in a time zone. */
export function localTime(now: Date, timeZone: string): { day: (typeof DAYS)[number]; date: string; hhmm: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const day = DAYS.find((d) => d === String(parts.weekday).slice(0, 3).toLowerCase()) ?? 'mon';
  return { day, date: `${parts.year}-${parts.month}-${parts.day}`, hhmm: `${parts.hour}:${parts.minute}` };
}

/** Whether people answer at `now`. No business hours configured means always. */
export function isOpen(hours: BusinessHours | null, now: Date): { open: boolean; why: string } {
  if (!hours) return { open: true, why: 'no business hours set: always open' };
  const t = localTime(now, hours.timezone);
  if (hours.holidays.includes(t.date)) return { open: false, why: `${t.date} is a holiday (${hours.timezone})` };
  const intervals = hours.days[t.day] ?? [];
  const inside = intervals.find(([from, to]) => t.hhmm >= from && t.hhmm < to);
  if (inside) return { open: true, why: `${t.day} ${t.hhmm} is within ${inside[0]}-${inside[1]} (${hours.timezone})` };
  return { open: false, why: `${t.day} ${t.hhmm} is outside business hours (${hours.timezone})` };
}
