import type { MessageRow } from '../db/schema.ts';
import { SENSITIVE_KINDS, type SensitiveKind } from '../engine/understand/sensitive.ts';

// What the bot read as a sensitive topic in a conversation, from its decisions' traces. A customer
// at risk is one it read as writing of self-harm, or of danger or abuse (`self_harm`, `safety`):
// the agent's first words to them are about their safety (the brief recommends it, and agent
// assist drafts nothing from the help centre).
const AT_RISK: ReadonlySet<SensitiveKind> = new Set(['self_harm', 'safety']);

const kindOf = (m: MessageRow): SensitiveKind | null => {
  const kind = (m.trace as { signals?: { sensitive?: { kind?: unknown } | null } } | null)?.signals?.sensitive?.kind;
  return (SENSITIVE_KINDS as readonly unknown[]).includes(kind) ? (kind as SensitiveKind) : null;
};

/** The sensitive topic the bot read last in the conversation, or null. */
export function lastSensitiveKind(messages: readonly MessageRow[]): SensitiveKind | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const kind = kindOf(messages[i]!);
    if (kind) return kind;
  }
  return null;
}

/** Whether the bot read a message of the conversation as self-harm or danger (its decision's trace). */
export function saidAtRisk(messages: readonly MessageRow[]): boolean {
  return messages.some((m) => {
    const kind = kindOf(m);
    return kind !== null && AT_RISK.has(kind);
  });
}
