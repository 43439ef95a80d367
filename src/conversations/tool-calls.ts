import { redact, type PiiSettingsInput, type TokenState } from '../pii/index.ts';
import type { CallTool, ToolCallRecord } from '../actions/types.ts';
import type { ConversationRow } from '../db/schema.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { recordAudit } from '../audit/log.ts';
import { actorRef, type Actor } from './actor.ts';
import type { Tx } from './kernel.ts';
import { accountFields, detokenise, freeTextSettings, shieldValue } from './tool-privacy.ts';

/** The conversation event of one call of the company's API (docs/actions.md); also an audit entry. */
export const TOOL_CALLED = 'tool.called';

/** What a `tool.called` event carries: arguments and result as tokens, never clear values. */
export type ToolCalledData = {
  name: string;
  kind: 'read' | 'write';
  args: Record<string, unknown>;
  turn: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  duration_ms: number;
  summary: string;
  result: unknown;
  /** Who asked: the bot in its turn, or an agent re-running a read from the workspace. */
  by: 'bot' | 'agent';
};

/** The vault a turn's calls read and add to; the caller seals it into the conversation afterwards. */
export interface VaultBox {
  vault: TokenState;
}

/**
 * The caller the runner (or an agent's re-run) gets: arguments are put back from the vault
 * only for the HTTP call; the result, and an error's message (the API may quote the request),
 * come back through the shield, with new values added to the vault.
 */
export function shieldedCaller(call: CallTool, box: VaultBox, settings: PiiSettingsInput): CallTool {
  return async (tool, args) => {
    const outcome = await call(tool, detokenise(args, box.vault));
    if (outcome.ok) {
      const shielded = shieldValue(outcome.data, box.vault, settings, accountFields(tool));
      box.vault = shielded.state;
      return { ...outcome, data: shielded.value };
    }
    const message = redact(outcome.message, settings, box.vault);
    box.vault = message.state;
    return { ...outcome, message: message.redacted };
  };
}

/** A call record with its arguments, result and words through the shield (they normally hold tokens already). */
export function shieldRecord(record: ToolCallRecord, box: VaultBox, settings: PiiSettingsInput, accounts: string[]): ToolCallRecord {
  const args = shieldValue(record.args, box.vault, settings, accounts);
  const result = shieldValue(record.result, args.state, settings, accounts);
  const summary = redact(record.summary, freeTextSettings(settings), result.state);
  box.vault = summary.state;
  return { ...record, args: args.value as Record<string, unknown>, result: result.value, summary: summary.redacted };
}

/** Records one call: the conversation's event and the audit log's entry, in the caller's transaction. */
export async function recordToolCall(tx: Tx, actor: Actor, conversation: ConversationRow, record: ToolCallRecord): Promise<void> {
  const data: ToolCalledData = {
    name: record.name,
    kind: record.kind,
    args: record.args,
    turn: record.turn,
    ok: record.ok,
    status: record.status ?? null,
    error: record.error ?? null,
    duration_ms: record.durationMs,
    summary: record.summary,
    result: record.result ?? null,
    by: actor.type === 'agent' ? 'agent' : 'bot',
  };
  const ref = actorRef(actor);
  await appendEvent(tx, { workspaceId: conversation.workspace_id, conversationId: conversation.id, type: TOOL_CALLED, actor: ref, data });
  const { result: _result, summary: _summary, ...audited } = data;
  await recordAudit(tx, {
    workspaceId: conversation.workspace_id,
    type: 'tool.called',
    actor: ref,
    subject: { type: 'conversation', id: conversation.id },
    data: audited,
  });
}
