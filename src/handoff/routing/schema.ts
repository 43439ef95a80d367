import { z } from 'zod';
import { HANDOFF_REASONS } from '../../engine/types.ts';

// A routing rule, as admins write it and as the routing_rules table stores it. Conditions are
// ANDed; inside one condition the listed values are alternatives. A rule without conditions
// matches every handoff (a catch-all, useful last).

const Tag = z.string().trim().min(1).max(100);
const Tags = z.array(Tag).min(1).max(100);
export const PriorityEnum = z.enum(['low', 'normal', 'high', 'urgent']);

export const RuleConditions = z
  .object({
    intents: Tags.optional().describe('Intent ids (or article ids) the bot recognised'),
    languages: z.array(z.string().trim().min(2).max(10)).min(1).max(50).optional(),
    reasons: z.array(z.enum(HANDOFF_REASONS)).min(1).optional().describe('Escalation reasons; any one of them matches'),
    channels: Tags.optional(),
    customer: z
      .object({
        tier: Tags.optional(),
        plan: Tags.optional(),
        vip: z.boolean().optional(),
      })
      .strict()
      .optional()
      .describe('Customer attributes (customers.attributes.tier / plan / vip)'),
    business_hours: z.enum(['open', 'closed']).optional().describe('Match only inside (open) or outside (closed) business hours'),
  })
  .strict();
export type RuleConditions = z.infer<typeof RuleConditions>;

export const RuleTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('team'), team_id: z.string().uuid() }).strict(),
  z
    .object({
      type: z.literal('agent'),
      agent_id: z.string().uuid(),
      /** Where it goes when the named agent cannot take it now; the workspace queue when absent. */
      fallback_team_id: z.string().uuid().nullable().optional(),
    })
    .strict(),
  z
    .object({ type: z.literal('queue') })
    .strict()
    .describe('The workspace-wide queue: any available agent'),
]);
export type RuleTarget = z.infer<typeof RuleTarget>;

export const RuleInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean().default(true),
    conditions: RuleConditions.default({}),
    target: RuleTarget,
    priority: PriorityEnum.nullable().default(null).describe('Priority to set; null keeps the computed one'),
    /** Skills an agent needs on top of the team's own (e.g. "refunds"). */
    skills: z.array(Tag).max(50).optional(),
  })
  .strict();
export type RuleInput = z.infer<typeof RuleInput>;

export const RulePatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    enabled: z.boolean().optional(),
    conditions: RuleConditions.optional(),
    target: RuleTarget.optional(),
    priority: PriorityEnum.nullable().optional(),
    skills: z.array(Tag).max(50).optional(),
  })
  .strict();
export type RulePatch = z.infer<typeof RulePatch>;

/** A stored rule, read back (old rows are re-validated so a bad row cannot break routing). */
export interface RoutingRule {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  conditions: RuleConditions;
  target: RuleTarget;
  priority: z.infer<typeof PriorityEnum> | null;
  skills: string[];
}
