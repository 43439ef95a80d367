// A workspace's actions file (workspace.json for `baton eval --tools`, the same document in the
// admin API): where the company's API is, its tools, how a customer is verified, and the
// playbooks the embedded engine follows. Documented in docs/actions.md.
import { z } from 'zod';
import { toolDefinitionSchema } from './types.ts';
import { ownTextSchema } from '../engine/text/localized.ts';

/** Text with {placeholders}: slot names and step results by dot path ("{order.status}"); see playbooks/template.ts. */
const template = z.string().min(1).max(2000);
/**
 * What the customer reads: one template, or one per language code ({"en": "…", "de": "…"}); the
 * conversation's language picks it, else English, else the first (docs/actions.md).
 */
const said = ownTextSchema(template);

/** A condition on a slot or an earlier result, checked before a call (policy) or to branch. */
const simpleCondition = z.object({
  path: z.string(),
  /** Listed values may be templates ("{order.payment_method_id}"), compared with what they name. */
  in: z.array(z.unknown()).optional(),
  notIn: z.array(z.unknown()).optional(),
  exists: z.boolean().optional(),
  /** The value at `path` is at least / at most the value at this other path (or this number). */
  atLeast: z.union([z.number(), z.string()]).optional(),
  atMost: z.union([z.number(), z.string()]).optional(),
});
export const conditionSchema = simpleCondition.extend({
  /** And at least one of these holds (e.g. the refund goes to the original method, or to a gift card). */
  anyOf: z.array(simpleCondition).optional(),
});
export type Condition = z.infer<typeof simpleCondition> & { anyOf?: Condition[] };

/** How a slot's value is recognised in the customer's words. */
export const recogniserSchema = z.discriminatedUnion('type', [
  /** A regular expression; `value` builds the value from its groups ("#W{1}"), default the whole match. */
  z.object({ type: z.literal('pattern'), pattern: z.string(), flags: z.string().default('i'), value: z.string().optional() }),
  /** One of fixed values, each with the phrases that mean it. */
  z.object({ type: z.literal('choice'), options: z.record(z.string(), z.array(z.string()).min(1)) }),
  /**
   * One (or with `many`, several) of the entries of an earlier result ("order.items"), matched by
   * the words of its `label` fields; `value` is the field kept (e.g. "item_id").
   */
  z.object({
    type: z.literal('pick'),
    from: z.string(),
    label: z.array(z.string()).min(1),
    value: z.string(),
    many: z.boolean().default(false),
    /** Only entries meeting these conditions (paths relative to the entry) can be picked. */
    where: z.array(conditionSchema).default([]),
    /** Other words for label words: {"gift card": ["store credit", "website credit"]}. */
    aliases: z.record(z.string(), z.array(z.string())).default({}),
    /** When exactly one entry meets `where`, take it even if the customer named nothing. */
    single: z.boolean().default(false),
    /** Fill the slot only while it is empty (a later mention of a label word does not change it). */
    onlyWhenEmpty: z.boolean().default(false),
    /** How an entry is shown to the customer (a template over the entry); default its first label field. */
    show: template.optional(),
  }),
  /**
   * For each entry already picked into slot `items` (e.g. order items), another variant of its
   * product chosen by the option words the customer used ("white optical", "the cheaper one"):
   * the product is the entry of result list `products` whose `productKey` equals the item's.
   * The value is the list of chosen variants' `value` fields, in the order of `items`.
   */
  z.object({
    type: z.literal('variant'),
    items: z.string(),
    products: z.string(),
    productKey: z.string().default('product_id'),
    variants: z.string().default('variants'),
    options: z.string().default('options'),
    value: z.string().default('item_id'),
    price: z.string().default('price'),
    available: z.string().default('available'),
    /** How a variant is shown to the customer (a template over the variant). */
    show: template.default('{options|options} ({price|money})'),
  }),
  /** A kind of personal detail the PII shield knows (e-mail, name, zip, address): its value or token. */
  z.object({ type: z.literal('entity'), entity: z.enum(['email', 'first_name', 'last_name', 'zip', 'address', 'phone']) }),
]);

export const slotSchema = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  /** What the bot asks when the slot is missing. */
  ask: said,
  recognise: z.array(recogniserSchema).min(1),
  optional: z.boolean().default(false),
  /** Taken when the customer has not said otherwise by the time it is needed (e.g. the original payment method); the confirmation shows it. */
  default: template.optional(),
});

export const stepSchema = z.discriminatedUnion('do', [
  /** Fill a slot (asking if the customer has not said it yet). */
  z.object({ do: z.literal('ask'), slot: z.string() }),
  /** Call a tool; its result is kept as `as` for later steps; `summary` is the call in words for the brief. */
  z.object({
    do: z.literal('call'),
    tool: z.string(),
    args: z.record(z.string(), z.string()),
    as: z.string().optional(),
    summary: template.optional(),
    /** Call once per element of this list (each as `{each}` in args); the result is the list of results. */
    each: z.string().optional(),
    /** Call only when this holds (e.g. a slot not filled yet). */
    when: conditionSchema.optional(),
  }),
  /**
   * A policy rule: when the condition fails, `else` explains why to the customer and the playbook
   * waits for a change (another order...) or ends; `handoff` hands off instead; `goto` switches to
   * another playbook, slots kept (an exchange asked for a pending order is a change of its items).
   */
  z.object({
    do: z.literal('check'),
    when: conditionSchema,
    else: said.optional(),
    handoff: z.boolean().default(false),
    goto: z.string().optional(),
  }),
  /** List what the next write will do and wait for the customer's yes. */
  z.object({ do: z.literal('confirm'), text: said }),
  z.object({ do: z.literal('reply'), text: said }),
]);

export const playbookSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
  title: z.string(),
  /**
   * Started when the engine's reading of a line is one of these articles (intents) at a
   * confidence of at least half the threshold, or when one of `patterns` (regular expressions,
   * case-insensitive) matches the line; patterns also let a customer switch playbooks mid-way.
   */
  trigger: z.object({
    articles: z.array(z.string()).min(1),
    patterns: z.array(z.string()).default([]),
    /** Weaker signs (regular expressions) that start this playbook only when no other is under way and no pattern or article asks for another ("the board is chipped": a return). */
    cues: z.array(z.string()).default([]),
  }),
  /** Account playbooks verify the customer first (see `identity`). */
  identity: z.enum(['required', 'none']).default('required'),
  slots: z.array(slotSchema).default([]),
  steps: z.array(stepSchema).min(1),
});

/** How a customer not verified by the host page is verified in the conversation. */
export const identitySchema = z.object({
  ask: said,
  /** Tried in order: the first whose slots are all filled is called; its tool must declare `verifies`. */
  methods: z.array(z.object({ tool: z.string(), slots: z.array(z.string()).min(1), args: z.record(z.string(), z.string()) })).min(1),
  slots: z.array(slotSchema).min(1),
  /** Said when no account fits the details given. */
  notFound: said.default(
    "I couldn't find an account with those details. Could you check them, or give me your e-mail address, or your name and zip code?",
  ),
});

export const actionsConfigSchema = z.object({
  /** The company's API; tools' paths are relative to it. `baton eval --api-base` overrides it. */
  apiBase: z.string().url().optional(),
  tools: z.array(toolDefinitionSchema).default([]),
  identity: identitySchema.optional(),
  playbooks: z.array(playbookSchema).default([]),
  /** Requests about someone else's account: refused with `reply`; handed off (policy) when the customer insists. */
  otherAccount: z.object({ patterns: z.array(z.string()).min(1), reply: said }).optional(),
  /** Calls the bot may make in one turn before it hands off (a loop guard). */
  maxCallsPerTurn: z.number().int().min(1).max(50).default(8),
});
export type ActionsConfig = z.infer<typeof actionsConfigSchema>;
export type Playbook = z.infer<typeof playbookSchema>;
export type Slot = z.infer<typeof slotSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Recogniser = z.infer<typeof recogniserSchema>;
