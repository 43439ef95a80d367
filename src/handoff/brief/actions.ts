import type { CustomerRow, EventRow } from '../../db/schema.ts';
import type { VerifiedIdentity } from '../../actions/types.ts';
import type { ToolCalledData } from '../../conversations/tool-calls.ts';
import type { Brief } from './schema.ts';

// The brief's "What the bot looked up and did" (docs/brief.md): each call of the company's API
// in words, what changed, what failed, and how the customer's identity was verified. Built
// from the conversation's `tool.called` events, whose arguments and results are tokens.

type ActionsSection = NonNullable<Brief['actions']>;

const failure = (d: ToolCalledData): string => {
  const why = [d.error, d.status ? `HTTP ${d.status}` : null].filter(Boolean).join(', ');
  return `${d.summary || `Called ${d.name}`}${why ? ` (${why})` : ''}`;
};

function identityOf(identity: VerifiedIdentity | null, customer: CustomerRow): ActionsSection['identity'] {
  if (identity?.via === 'tool') {
    const using = identity.using ?? [];
    return {
      via: 'tool',
      tool: identity.tool ?? null,
      using,
      text: `Verified in the conversation with ${identity.tool ?? 'a verification tool'}${using.length ? ` using ${using.join(', ')}` : ''}.`,
    };
  }
  if (identity?.via === 'host_page' || (customer.verified && customer.external_id))
    return { via: 'host_page', tool: null, using: [], text: 'Verified by the host page (signed widget identity).' };
  return null;
}

export function actionsSection(events: EventRow[], identity: VerifiedIdentity | null, customer: CustomerRow): ActionsSection | undefined {
  const calls = events.map((e) => ({ e, d: e.data as unknown as ToolCalledData }));
  const who = identityOf(identity, customer);
  if (calls.length === 0 && !identity) return undefined;
  return {
    identity: who,
    calls: calls.map(({ e, d }) => ({
      event_id: String(e.id),
      at: new Date(e.created_at).toISOString(),
      by: d.by,
      name: d.name,
      kind: d.kind,
      args: d.args,
      turn: d.turn,
      ok: d.ok,
      status: d.status,
      error: d.error,
      duration_ms: d.duration_ms,
      summary: d.summary || `Called ${d.name}`,
    })),
    changed: calls.filter(({ d }) => d.ok && d.kind === 'write').map(({ d }) => d.summary || `Called ${d.name}`),
    failed: calls.filter(({ d }) => !d.ok).map(({ d }) => failure(d)),
  };
}
