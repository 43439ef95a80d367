import { z } from 'zod';

/** Per-workspace settings the bot and the handoff decide against (design.md: policy). */
export const PolicySchema = z.object({
  confidenceThreshold: z.number().min(0).max(1).nullable().default(null),
  alwaysHumanIntents: z.array(z.string().min(1).max(200)).max(500).default([]),
  alwaysHumanTopics: z.array(z.string().min(1).max(200)).max(500).default([]),
  defaultTeamId: z.string().uuid().nullable().default(null),
  languages: z.array(z.string().min(2).max(10)).max(50).default(['en']),
});
export type Policy = z.infer<typeof PolicySchema>;

/** A stored policy may predate newer fields: read it through the schema so defaults fill in. */
export const readPolicy = (stored: unknown): Policy => PolicySchema.parse(stored ?? {});
