import { z } from 'zod';
import { BUILTIN_TYPES } from './types.ts';

/**
 * A workspace's PII rules, as stored in its policy. Validated at the boundary (admin API,
 * CLI flags) so detectors can trust it.
 */
export const customPatternSchema = z.object({
  /** The entity type the pattern produces, e.g. ORDER_ID; becomes the token prefix. */
  type: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/),
  /** A JavaScript regular expression source; the whole match is the entity. */
  pattern: z.string().min(1).max(500).refine(compiles, 'not a valid regular expression'),
  flags: z.string().regex(/^[imsu]*$/).default(''),
  score: z.number().min(0).max(1).default(0.9),
});

export const piiSettingsSchema = z.object({
  /** Built-in types to detect; all of them when absent. */
  enabled: z.array(z.enum(BUILTIN_TYPES)).optional(),
  custom: z.array(customPatternSchema).max(50).default([]),
  /** Values never redacted (compared case-insensitively), e.g. the support address. */
  allow: z.array(z.string().min(1)).max(1000).default([]),
  /** Spans scoring under this are left in clear. */
  minScore: z.number().min(0).max(1).default(0.5),
  /** Language of the conversation; picks national phone formats. */
  locale: z.string().min(2).max(20).default('en'),
});

export type CustomPattern = z.infer<typeof customPatternSchema>;
export type PiiSettings = z.infer<typeof piiSettingsSchema>;
export type PiiSettingsInput = z.input<typeof piiSettingsSchema>;

export const DEFAULT_SETTINGS: PiiSettings = piiSettingsSchema.parse({});

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
