// Tool calls in words: the question the engine asks before a write (the customer says yes to
// exactly what is listed) and the one-line summary of each call for the brief.
import type { ToolDefinition, ToolOutcome } from '../types.ts';

export const humanise = (name: string): string => name.replace(/[_.]+/g, ' ').trim();

/** The arguments the customer and the brief see: the account argument is the customer's own and goes unsaid. */
export function shownArgs(tool: ToolDefinition, args: Record<string, unknown>): Record<string, unknown> {
  if (!tool.identityArg || !(tool.identityArg in args)) return args;
  const { [tool.identityArg]: _own, ...rest } = args;
  return rest;
}

export function valueInWords(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (Array.isArray(v)) return v.length ? v.map(valueInWords).join(', ') : 'none';
  if (typeof v === 'object') return `(${argsInWords(v as Record<string, unknown>)})`;
  return String(v);
}

/** "order id #W2378156; reason no longer needed" */
export function argsInWords(args: Record<string, unknown>): string {
  return Object.entries(args)
    .map(([k, v]) => `${humanise(k)} ${valueInWords(v)}`)
    .join('; ');
}

/** What the tool does, for people: its description's first sentence, else its name in words. */
export function toolInWords(tool: ToolDefinition): string {
  const first = /^(.*?[^.!?])(?:[.!?](?:\s|$)|$)/s.exec(tool.description.trim())?.[1]?.trim();
  return first && first.length <= 120 ? first : humanise(tool.name);
}

/** The question before a write; the change happens only if the next customer line is a yes. */
export function confirmationQuestion(tool: ToolDefinition, args: Record<string, unknown>): string {
  const lines = Object.entries(shownArgs(tool, args)).map(([k, v]) => `- ${humanise(k)}: ${valueInWords(v)}`);
  return [`Before I do this, please confirm: ${toolInWords(tool)}`, ...lines, 'Shall I go ahead? (yes / no)'].join('\n');
}

/** A result's gist: status first, then a few plain fields and the size of lists. */
export function resultInWords(data: unknown): string {
  if (data === null || data === undefined) return 'no data';
  if (Array.isArray(data)) return `${data.length} result${data.length === 1 ? '' : 's'}`;
  if (typeof data !== 'object') return clip(String(data), 80);
  const entries = Object.entries(data as Record<string, unknown>).sort(([a], [b]) => Number(b === 'status') - Number(a === 'status'));
  const parts: string[] = [];
  for (const [k, v] of entries) {
    if (parts.length === 4) break;
    if (Array.isArray(v)) parts.push(`${v.length} ${humanise(k)}`);
    else if (v !== null && typeof v !== 'object') parts.push(`${humanise(k)} ${clip(String(v), 40)}`);
  }
  return parts.length ? parts.join(', ') : 'done';
}

const LOOKUP_VERB = /^(?:get|find|fetch|list|lookup|look up|read|search|show)\s+/i;

/**
 * One call for the brief: "Looked up order details (order id #W5442520): status pending, 2 items".
 * `data` is the result after the PII shield.
 */
export function callSummary(tool: ToolDefinition, args: Record<string, unknown>, outcome: ToolOutcome, data?: unknown): string {
  const shown = argsInWords(shownArgs(tool, args));
  const what = `${tool.kind === 'read' ? humanise(tool.name).replace(LOOKUP_VERB, '') : toolInWords(tool)}${shown ? ` (${shown})` : ''}`;
  if (!outcome.ok) {
    const why = outcome.status ? `${outcome.error} ${outcome.status}: ${outcome.message}` : `${outcome.error}: ${outcome.message}`;
    return outcome.error === 'refused'
      ? `Refused to ${tool.kind === 'read' ? 'look up' : 'do'} ${what}: ${outcome.message}`
      : `${tool.kind === 'read' ? 'Looking up' : 'Doing'} ${what} failed (${why})`;
  }
  return tool.kind === 'read' ? `Looked up ${what}: ${resultInWords(data)}` : `Done: ${what}: ${resultInWords(data)}`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
