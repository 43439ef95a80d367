import { z } from 'zod';
import { customPatternProblem } from './custom.ts';
import { BUILTIN_TYPES } from './types.ts';

/** Characters in a custom pattern: RE2's time is linear in the text times the pattern's size. */
export const MAX_PATTERN_LENGTH = 200;

/**
 * A workspace's PII rules, as stored in its policy. Validated at the boundary (admin API,
 * CLI flags) so detectors can trust it.
 */
export const customPatternSchema = z
  .object({
    /** The entity type the pattern produces, e.g. ORDER_ID; becomes the token prefix. */
    type: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/),
    /**
     * A regular expression in JavaScript syntax that RE2 can run in linear time (no
     * backreferences, no lookarounds); the whole match is the entity. See custom.ts.
     */
    pattern: z.string().min(1).max(MAX_PATTERN_LENGTH),
    flags: z
      .string()
      .regex(/^[imsu]*$/)
      .default(''),
    score: z.number().min(0).max(1).default(0.9),
  })
  .superRefine((p, ctx) => {
    const problem = customPatternProblem(p.pattern, p.flags);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `not a pattern Baton can run in linear time (RE2 syntax: no backreferences or lookarounds): ${problem}`,
      });
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

/**
 * Stored settings without the custom patterns RE2 cannot run: a policy saved before
 * patterns ran in RE2 may hold a lookahead, and must not stop the workspace's messages.
 */
export function withoutUnrunnablePatterns(stored: unknown): unknown {
  const custom = (stored as { custom?: unknown } | null)?.custom;
  if (!Array.isArray(custom)) return stored;
  const runs = (p: { pattern?: unknown; flags?: unknown } | null) =>
    typeof p?.pattern !== 'string' ||
    (p.pattern.length <= MAX_PATTERN_LENGTH && customPatternProblem(p.pattern, typeof p.flags === 'string' ? p.flags : '') === undefined);
  return { ...(stored as object), custom: custom.filter(runs) };
}
