import type { HandoffTicket } from './types.ts';
import { escapeHtml as esc } from '../html-escape.ts';

// The brief as agents read it in a helpdesk: short labelled lines, then the transcript.

export function briefLines(t: Omit<HandoffTicket, 'briefText' | 'briefHtml'>, brief: Record<string, unknown>): [string, string][] {
  const lines: [string, string][] = [];
  const push = (label: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return;
    lines.push([label, typeof value === 'string' ? value : JSON.stringify(value)]);
  };
  push('Customer', [t.customer.name, t.customer.email].filter(Boolean).join(' ') || t.customer.id);
  push('Verified', (brief.customer as { verified?: boolean } | undefined)?.verified ? 'yes' : 'no');
  push('Language', brief.language);
  // In words for the agent ("Gift cards"); the id stays in the ticket's intent field and tags.
  const title = (brief.intent as { title?: unknown } | null | undefined)?.title;
  const intent = typeof title === 'string' && title ? title : t.intent;
  push('Intent', intent ? `${intent}${t.confidence === null ? '' : ` (confidence ${t.confidence.toFixed(2)})`}` : null);
  push('Why handed off', t.reasons.join(', '));
  push('Summary', brief.summary);
  push('Goal', (brief.goal as { text?: string } | null | undefined)?.text);
  push('Recommended next step', (brief.recommended_next_step as { text?: string } | undefined)?.text);
  const fields = (brief.fields as { kind: string; label?: string; value: string }[] | undefined) ?? [];
  push('Details given', fields.map((f) => `${f.label ?? f.kind}: ${f.value}`).join('; '));
  push('Last message', brief.last_customer_message);
  push('Routing', (brief.routing as { why?: string } | undefined)?.why);
  push('Priority', t.priority);
  return lines;
}

export function renderBrief(
  t: Omit<HandoffTicket, 'briefText' | 'briefHtml'>,
  brief: Record<string, unknown>,
): { text: string; html: string } {
  const lines = briefLines(t, brief);
  const transcript = t.transcript.map((m) => `${m.author}: ${m.text}`);
  const text = ['Baton handoff brief (internal)', ...lines.map(([k, v]) => `${k}: ${v}`), '', 'Transcript:', ...transcript].join('\n');
  const html = [
    '<p><b>Baton handoff brief</b> (internal)</p>',
    '<ul>',
    ...lines.map(([k, v]) => `<li><b>${esc(k)}:</b> ${esc(v)}</li>`),
    '</ul>',
    '<p><b>Transcript</b></p>',
    ...t.transcript.map((m) => `<p><i>${esc(m.author)}:</i> ${esc(m.text)}</p>`),
  ].join('');
  return { text, html };
}

/** Helpdesk tags: lowercase, [a-z0-9_], so they survive every vendor's tag rules. */
export const tagify = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);

export function handoffTags(
  t: { intent: string | null; confidence: number | null; reasons: string[]; priority: string },
  opts: { priorityAsTag: boolean },
): string[] {
  const tags = ['baton', 'baton_handoff'];
  if (t.intent) tags.push(`intent_${tagify(t.intent)}`);
  if (t.confidence !== null) tags.push(`confidence_${t.confidence >= 0.8 ? 'high' : t.confidence >= 0.5 ? 'medium' : 'low'}`);
  for (const r of t.reasons) tags.push(`reason_${tagify(r)}`);
  if (opts.priorityAsTag) tags.push(`priority_${t.priority}`);
  return [...new Set(tags)];
}

/** Plain text from a vendor's HTML body (Intercom parts, Freshdesk replies). */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
