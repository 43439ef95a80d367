// Loads one scope's rows through the repository and computes the figures.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import {
  handoffsOf,
  messagesOf,
  scopeConversations,
  type AnalyticsScope,
  type ScopeHandoff,
  type ScopeMessage,
} from '../db/repositories/analytics.ts';
import { HANDOFF_REASONS } from '../engine/types.ts';
import { aggregate, conversationFacts, knowledgeGaps, series, type KnowledgeGap, type Metrics } from './metrics.ts';

export interface AnalyticsReport {
  from: string;
  to: string;
  bucket: 'day' | 'week';
  totals: Metrics;
  series: { period: string; metrics: Metrics }[];
  knowledge_gaps: KnowledgeGap[];
}

const groupBy = <T extends { conversation_id: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    let g = m.get(r.conversation_id);
    if (!g) m.set(r.conversation_id, (g = []));
    g.push(r);
  }
  return m;
};

export async function analyticsReport(db: Kysely<Schema>, scope: AnalyticsScope, bucket: 'day' | 'week'): Promise<AnalyticsReport> {
  const conversations = await scopeConversations(db, scope);
  const ids = conversations.map((c) => c.id);
  const [handoffs, messages] = await Promise.all([handoffsOf(db, scope.workspaceId, ids), messagesOf(db, scope.workspaceId, ids)]);
  const h = groupBy<ScopeHandoff>(handoffs);
  const m = groupBy<ScopeMessage>(messages);
  const facts = conversations.map((c) => conversationFacts(c, m.get(c.id) ?? [], h.get(c.id) ?? []));
  const gaps = knowledgeGaps(
    conversations.flatMap((c) => (h.get(c.id) ?? []).map((handoff) => ({ conversation: c, handoff, messages: m.get(c.id) ?? [] }))),
  );
  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    bucket,
    totals: aggregate(facts),
    series: series(facts, bucket),
    knowledge_gaps: gaps,
  };
}

const CSV_COLUMNS: [string, (m: Metrics) => unknown][] = [
  ['conversations', (m) => m.conversations],
  ['automated_resolutions', (m) => m.automated_resolutions],
  ['automated_resolution_rate', (m) => m.automated_resolution_rate],
  ['handed_off', (m) => m.handed_off],
  ['handoff_rate', (m) => m.handoff_rate],
  ['handoffs', (m) => m.handoffs],
  ...HANDOFF_REASONS.map((r) => [`handoffs_${r}`, (m: Metrics) => m.handoff_reasons[r] ?? 0] as [string, (m: Metrics) => unknown]),
  ...(['first_response_seconds', 'time_to_human_seconds', 'bot_handle_seconds', 'human_handle_seconds'] as const).flatMap((k) =>
    (['median', 'mean', 'p90'] as const).map(
      (s) => [`${k.replace('_seconds', '')}_${s}_s`, (m: Metrics) => m[k][s]] as [string, (m: Metrics) => unknown],
    ),
  ),
  ['csat_bot_only_mean', (m) => m.csat.bot_only.mean],
  ['csat_bot_only_count', (m) => m.csat.bot_only.count],
  ['csat_handed_off_mean', (m) => m.csat.handed_off.mean],
  ['csat_handed_off_count', (m) => m.csat.handed_off.count],
  ['csat_human_only_mean', (m) => m.csat.by_path.human.mean],
  ['csat_human_only_count', (m) => m.csat.by_path.human.count],
  ['reexplain_audited', (m) => m.reexplain.audited],
  ['reexplain_rate', (m) => m.reexplain.rate],
  ['brief_rated', (m) => m.brief_feedback.rated],
  ['brief_useful_rate', (m) => m.brief_feedback.useful_rate],
];

const cell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per period, then a total row. */
export function reportCsv(r: AnalyticsReport): string {
  const rows = [['period', ...CSV_COLUMNS.map(([k]) => k)].join(',')];
  for (const p of r.series) rows.push([p.period, ...CSV_COLUMNS.map(([, f]) => cell(f(p.metrics)))].join(','));
  rows.push(['total', ...CSV_COLUMNS.map(([, f]) => cell(f(r.totals)))].join(','));
  return rows.join('\r\n') + '\r\n';
}
