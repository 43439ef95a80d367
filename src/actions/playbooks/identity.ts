// Verifying the customer in the conversation: the workspace's identity slots (an e-mail, or a
// name and zip code) read from the customer's words, then the first method whose slots are all
// given is called; its result names the account. Each value is tried once.
import type { ActionsConfig } from '../config.ts';
import type { CallTool, ToolCallRecord, ToolOutcome, VerifiedIdentity } from '../types.ts';
import { fromLine } from './recognise.ts';
import type { RunnerState } from './state.ts';
import { fill, fillValue, resolvePath, text } from './template.ts';
import { ownText } from '../../engine/text/localized.ts';

export interface IdentityStep {
  identity: VerifiedIdentity | null;
  /** What to say when not verified yet (a question or why the details did not fit). */
  say?: string;
  records: ToolCallRecord[];
  /** The verification tool failed in a way the customer cannot fix. */
  broken?: string;
}

type Identity = NonNullable<ActionsConfig['identity']>;

/** Reads identity details from lines (the newest wins; all e-mails of a line are kept to try). */
export function readIdentity(cfg: Identity, state: RunnerState, lines: string[], asked: boolean): void {
  for (const line of lines) {
    for (const slot of cfg.slots) {
      const found = fromLine(slot, line, asked);
      if (found) state.identity.slots[slot.name] = found.length > 1 ? found : found[0];
    }
  }
}

function candidates(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

export async function verify(
  config: ActionsConfig,
  state: RunnerState,
  language: string | null,
  call: CallTool,
  record: (tool: string, args: Record<string, unknown>, outcome: ToolOutcome, summary: string) => ToolCallRecord,
): Promise<IdentityStep> {
  const cfg = config.identity;
  if (!cfg) return { identity: null, records: [], broken: 'no way to verify the customer is configured' };
  const records: ToolCallRecord[] = [];
  let triedNow = false;
  for (const method of cfg.methods) {
    if (!method.slots.every((s) => state.identity.slots[s] !== undefined)) continue;
    const tool = config.tools.find((t) => t.name === method.tool);
    if (!tool?.verifies) return { identity: null, records, broken: `verification tool ${method.tool} is not declared` };
    // Several e-mails in one line: each is tried in turn.
    const lists = method.slots.map((s) => candidates(state.identity.slots[s]));
    const combos = lists.reduce<unknown[][]>((acc, l) => acc.flatMap((a) => l.map((x) => [...a, x])), [[]]);
    for (const combo of combos) {
      const scope = Object.fromEntries(method.slots.map((s, i) => [s, combo[i]]));
      const key = `${method.tool}:${JSON.stringify(scope)}`;
      if (state.identity.tried.includes(key)) continue;
      state.identity.tried.push(key);
      triedNow = true;
      const args = Object.fromEntries(Object.entries(method.args).map(([k, t]) => [k, fillValue(t, scope)]));
      const outcome = await call(tool, args);
      const using = method.slots.map((s) => s.replace(/_/g, ' ')).join(' and ');
      if (outcome.ok) {
        const id = tool.verifies.resultField ? resolvePath(outcome.data, tool.verifies.resultField) : outcome.data;
        records.push(record(tool.name, args, outcome, `Verified the customer by ${using}: account ${text(id)}`));
        if (typeof id === 'string' || typeof id === 'number') {
          return { identity: { id: String(id), via: 'tool', tool: tool.name, using: method.slots }, records };
        }
      } else {
        records.push(record(tool.name, args, outcome, `Could not verify the customer by ${using}: ${outcome.message}`));
        if (outcome.error !== 'http' || (outcome.status !== undefined && outcome.status >= 500))
          return { identity: null, records, broken: `verification failed: ${outcome.message}` };
      }
    }
  }
  if (triedNow) {
    state.identity.failures++;
    for (const s of Object.keys(state.identity.slots)) delete state.identity.slots[s];
    return {
      identity: null,
      records,
      say: fill(ownText(cfg.notFound, language), {}),
    };
  }
  const partial = cfg.slots.find(
    (s) =>
      state.identity.slots[s.name] === undefined &&
      cfg.methods.some((m) => m.slots.includes(s.name) && m.slots.some((o) => state.identity.slots[o] !== undefined)),
  );
  return { identity: null, records, say: fill(ownText(partial ? partial.ask : cfg.ask, language), {}) };
}
