// Small display helpers shared by the screens.

export const STATUS_LABEL: Record<string, string> = {
  bot: 'With bot',
  queued: 'Queued',
  with_agent: 'With agent',
  awaiting_customer: 'Awaiting customer',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const REASON_LABEL: Record<string, string> = {
  low_confidence: 'Low confidence',
  customer_requested: 'Customer asked for a person',
  negative_sentiment: 'Negative sentiment',
  repeated_failure: 'Repeated failure',
  policy: 'Policy',
  sensitive_topic: 'Sensitive topic',
  engine_error: 'Engine error',
  action_failed: 'Action failed',
};

/** The sensitive topic the bot read, as the brief names it (`escalation.reasons[].kind`). */
const SENSITIVE_LABEL: Record<string, string> = {
  self_harm: 'self-harm',
  safety: 'danger or abuse',
  fraud: 'fraud',
  legal: 'legal threat',
};

/** An escalation reason in words, with the sensitive topic where the brief names it ("Sensitive topic (self-harm)"). */
export function reasonLabel(reason: string, kind?: string | null): string {
  const label = REASON_LABEL[reason] ?? humanize(reason);
  return kind && SENSITIVE_LABEL[kind] ? `${label} (${SENSITIVE_LABEL[kind]})` : label;
}

export function humanize(key: string): string {
  const s = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

export function clock(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
}

export function percent(v: unknown): string | null {
  return typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 100)}%` : null;
}

/** Only http(s) URLs become links: a javascript: URL from data stays text. */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url, location.origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/**
 * Where a handoff was routed, in words: the team (and agent), why, and the rule when the why
 * does not already name it ("rule "VIP" sends it to Billing" does; "nobody on shift" does not).
 */
export function routedInWords(r: { team_name?: string | null; agent_name?: string | null; why?: string | null; rule?: string | null }): {
  target: string;
  why: string | null;
  rule: string | null;
} {
  return {
    target: [r.team_name ?? 'workspace queue', r.agent_name].filter(Boolean).join(' → '),
    why: r.why || null,
    rule: r.rule && !(r.why ?? '').includes(`"${r.rule}"`) ? r.rule : null,
  };
}
