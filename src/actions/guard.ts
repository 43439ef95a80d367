// The guard rails every caller of tools goes through, the playbook runner and a model alike:
// a write runs only after the customer said yes to exactly that write, one write per yes;
// account data only for the verified customer; a budget of calls per turn. Enforced here, in
// code, so no prompt or playbook can talk its way past it.
import { isDeepStrictEqual } from 'node:util';
import type { CallTool, ToolDefinition, ToolOutcome, VerifiedIdentity } from './types.ts';

export { yesOrNo } from '../engine/understand/yes-no.ts';

/** A write the bot described to the customer and is waiting to hear "yes" to. */
export interface PendingWrite {
  tool: string;
  args: Record<string, unknown>;
  /** The customer turn the question was asked at: the yes must come in the very next one. */
  askedAtTurn: number;
}

export interface GuardContext {
  identity: VerifiedIdentity | null;
  /** The write awaiting confirmation, from the previous turn. */
  pending: PendingWrite | null;
  /** The customer's answer on this turn to the pending write's question. */
  answer: 'yes' | 'no' | null;
  turn: number;
  maxCallsPerTurn: number;
  /** The workspace's tools, to find a write's `ownerLookup`. */
  tools?: readonly ToolDefinition[];
}

const refused = (message: string): ToolOutcome => ({ ok: false, error: 'refused', message, durationMs: 0 });

/**
 * Wraps a caller with the guard rails for one turn. A refused call never reaches the API; its
 * outcome says why, so the runner can explain it or hand off.
 */
export function guardedCaller(call: CallTool, ctx: GuardContext): CallTool {
  let calls = 0;
  let writes = 0;
  return async (tool: ToolDefinition, args: Record<string, unknown>) => {
    if (++calls > ctx.maxCallsPerTurn) return refused(`more than ${ctx.maxCallsPerTurn} calls in one turn`);
    if (tool.identityArg) {
      if (!ctx.identity) return refused('the customer is not verified');
      if (String(args[tool.identityArg] ?? '') !== ctx.identity.id) return refused("another customer's account");
    }
    if (tool.kind === 'write') {
      const p = ctx.pending;
      if (writes > 0) return refused('one write per confirmation');
      if (!p || p.tool !== tool.name || !isDeepStrictEqual(p.args, args)) return refused('the customer has not confirmed this change');
      if (ctx.answer !== 'yes' || ctx.turn !== p.askedAtTurn + 1) return refused('the customer has not confirmed this change');
      const lookup = tool.ownerLookup ? ctx.tools?.find((t) => t.name === tool.ownerLookup) : undefined;
      if (tool.ownerLookup) {
        if (!lookup?.ownerField) return refused(`the owner lookup ${tool.ownerLookup} is not a read tool with an owner field`);
        if (!ctx.identity) return refused('the customer is not verified');
        const found = await call(lookup, pick(args, Object.keys(lookup.input.properties)));
        if (!found.ok) return found;
        if (ownerOf(found.data, lookup.ownerField) !== ctx.identity.id) return refused("another customer's account");
      }
      writes++;
    }
    const outcome = await call(tool, args);
    if (outcome.ok && tool.ownerField && ctx.identity) {
      const owner = ownerOf(outcome.data, tool.ownerField);
      if (owner !== undefined && owner !== ctx.identity.id) return refused("another customer's account");
    }
    if (outcome.ok && tool.ownerField && !ctx.identity) return refused('the customer is not verified');
    return outcome;
  };
}

const pick = (args: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => k in args).map((k) => [k, args[k]]));

function ownerOf(data: unknown, field: string): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const v = (data as Record<string, unknown>)[field];
  return v === undefined || v === null ? undefined : String(v);
}
