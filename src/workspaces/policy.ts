import { z } from 'zod';
import { ownTextSchema } from '../engine/text/localized.ts';
import { piiSettingsSchema, withoutUnrunnablePatterns } from '../pii/settings.ts';

const Hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use HH:MM (24-hour)');
const Interval = z.tuple([Hhmm, Hhmm]).refine(([from, to]) => from < to, 'an interval must start before it ends');
const Day = z.array(Interval).max(6);
const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Opening hours per weekday in one time zone, e.g. { mon: [["09:00", "17:00"]] }; a missing day is closed. */
export const BusinessHoursSchema = z
  .object({
    timezone: z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone'),
    days: z.object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }).partial().strict(),
    /** Whole days closed (YYYY-MM-DD, in the time zone above). */
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .max(366)
      .default([]),
  })
  .strict();
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

const SafetyLine = z.string().trim().min(1).max(2000);
/**
 * A safety reply of the workspace's own: one text for every language, or one per language code
 * ("en", "de": the primary subtag the conversation's language is read by); a language without
 * its own text reads the English one, else the first given.
 */
const SafetyText = ownTextSchema(SafetyLine);

/** Per-workspace settings the bot and the handoff decide against (design.md: policy). */
export const PolicySchema = z.object({
  confidenceThreshold: z.number().min(0).max(1).nullable().default(null),
  alwaysHumanIntents: z.array(z.string().min(1).max(200)).max(500).default([]),
  alwaysHumanTopics: z.array(z.string().min(1).max(200)).max(500).default([]),
  /** What a customer at risk of self-harm reads beside the handoff (crisis lines for your country); null: the engine's default. */
  crisisMessage: SafetyText.nullable().default(null),
  /** What a customer whose message reads as danger (abuse, threats, violence) reads beside the handoff (emergency numbers for your country); null: the engine's default. */
  dangerMessage: SafetyText.nullable().default(null),
  defaultTeamId: z.string().uuid().nullable().default(null),
  languages: z.array(z.string().min(2).max(10)).max(50).default(['en']),
  /** When people answer; null means always (routing: nobody on shift outside these hours). */
  businessHours: BusinessHoursSchema.nullable().default(null),
  /** The PII shield's rules: types, custom patterns, allow-list (docs/pii.md). */
  pii: piiSettingsSchema.default(piiSettingsSchema.parse({})),
  /** Roles that may reveal redacted values; every reveal is recorded. */
  revealRoles: z.array(z.enum(['admin', 'agent'])).default(['admin', 'agent']),
  /** When true, a reveal without a reason is refused (400); a given reason is always recorded. */
  revealRequiresReason: z.boolean().default(false),
  /** Conversations with no activity for this many days are deleted (daily job, src/privacy/retention.ts); null keeps them. */
  retentionDays: z.number().int().min(1).max(3650).nullable().default(null),
});
export type Policy = z.infer<typeof PolicySchema>;

/**
 * A stored policy may predate newer fields: read it through the schema so defaults fill in.
 * Custom PII patterns saved before they ran in RE2 and that RE2 cannot run are left out.
 */
export const readPolicy = (stored: unknown): Policy => {
  const policy = (stored ?? {}) as { pii?: unknown };
  return PolicySchema.parse(policy.pii === undefined ? policy : { ...policy, pii: withoutUnrunnablePatterns(policy.pii) });
};
