import type { MessageRow } from '../db/schema.ts';

// A customer at risk: one the bot read as writing of self-harm, or of danger or abuse (the
// sensitive kinds `self_harm` and `safety` of its decisions). The agent's first words to them are
// about their safety: the brief recommends it, and agent assist drafts nothing from the help centre.
const AT_RISK: ReadonlySet<string> = new Set(['self_harm', 'safety']);

/** Whether the bot read a message of the conversation as self-harm or danger (its decision's trace). */
export function saidAtRisk(messages: readonly MessageRow[]): boolean {
  return messages.some((m) => {
    const kind = (m.trace as { signals?: { sensitive?: { kind?: unknown } | null } } | null)?.signals?.sensitive?.kind;
    return typeof kind === 'string' && AT_RISK.has(kind);
  });
}
