// "Confidence that travels" (issue 15, item 5): one table of resolution and answered precision at
// the engine's default threshold on knowledge of different shapes, each set split into a
// development half (choices) and a held-out half (reported), single-turn and with an earlier
// exchange on another topic.
import type { Article, BotEngine } from '../../src/engine/types.ts';
import { expectedArticles, type Ticket } from '../../src/engine/eval/tickets.ts';
import { evaluate } from '../../src/engine/eval/evaluate.ts';

/** The answered-precision target the default threshold should land near, on any knowledge. */
export const TARGET_PRECISION = 0.95;

/** Even positions of the sorted ids (development) or odd (held out), as for docs-govt. */
export function halfOf(tickets: Ticket[], dev: boolean): Ticket[] {
  const order = new Map(
    tickets
      .map((t) => t.id)
      .sort()
      .map((id, i) => [id, i]),
  );
  return tickets.filter((t) => (order.get(t.id)! % 2 === 0) === dev);
}

/**
 * Each single-turn ticket asked right after an answered exchange on another topic: the question
 * of another answerable ticket (none of its articles expected here) and, as the bot's reply,
 * the start of its first article. Tickets that already carry a conversation are left as they are.
 * Deterministic: ticket i takes the first suitable ticket from half the list further on.
 */
export function afterAnotherTopic(tickets: Ticket[], byId: Map<string, Article>): Ticket[] {
  const donors = tickets.filter((t) => !t.context?.length && t.messages.length === 1 && expectedArticles(t).some((a) => byId.has(a)));
  if (donors.length < 2) return tickets;
  const step = Math.floor(donors.length / 2);
  return tickets.map((t, i) => {
    if (t.context?.length || t.messages.length !== 1) return t;
    const mine = new Set(expectedArticles(t));
    for (let k = 0; k < donors.length; k++) {
      const d = donors[(i + step + k) % donors.length];
      const articles = expectedArticles(d);
      if (d === t || articles.some((a) => mine.has(a))) continue;
      const a = byId.get(articles.find((x) => byId.has(x))!)!;
      const words = a.body.replace(/\s+/g, ' ').trim().split(' ').slice(0, 40).join(' ');
      return {
        ...t,
        context: [
          { role: 'customer' as const, text: d.messages[0].text },
          { role: 'agent' as const, text: `From “${a.title}”: ${words}` },
        ],
      };
    }
    return t;
  });
}

/** CLINC150's data_full.json: [question, intent] pairs per split, and the domains' intents. */
export interface ClincData {
  train: [string, string][];
  val: [string, string][];
  test: [string, string][];
  oos_val: [string, string][];
  oos_test: [string, string][];
}

/**
 * Small intent knowledge with mostly out-of-scope traffic (the shape of a young FAQ bot, or of
 * public sets with few examples per intent): the intents of a few CLINC150 domains, each with its
 * first `examples` training questions; tickets are those intents' questions (answer), one in
 * `otherEvery` of the other domains' questions and every out-of-scope one (handoff, about half).
 * Development tickets from val, held-out ones from test; built from CLINC150's train split only.
 */
export function smallIntentSet(data: ClincData, intents: readonly string[], examples: number, otherEvery = 4): TravelSet {
  const mine = new Set(intents);
  const title = (id: string) => id.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const byIntent = new Map<string, string[]>(intents.map((i) => [i, []]));
  for (const [q, i] of data.train) if (mine.has(i) && byIntent.get(i)!.length < examples) byIntent.get(i)!.push(q);
  const articles: Article[] = [...byIntent].map(([id, qs]) => ({ id, title: title(id), body: `${title(id)}.`, examples: qs }));
  const tickets = (split: 'val' | 'test'): Ticket[] => {
    const out: Ticket[] = [];
    let other = 0;
    const ask = (q: string, article: string | null, n: number): Ticket => ({
      id: `${split}-${n}`,
      messages: [{ role: 'customer', text: q }],
      expected: article ? { outcome: 'answer', article } : { outcome: 'handoff' },
    });
    data[split].forEach(([q, i], n) => {
      if (mine.has(i)) out.push(ask(q, i, n));
      else if (other++ % otherEvery === 0) out.push(ask(q, null, n));
    });
    data[`oos_${split}`].forEach(([q], n) => out.push(ask(q, null, data[split].length + n)));
    return out;
  };
  return { name: `small intents (${intents.length}, ${examples} examples each)`, articles, dev: tickets('val'), heldOut: tickets('test') };
}

export interface TravelSet {
  name: string;
  articles: Article[];
  dev: Ticket[];
  heldOut: Ticket[];
}

export interface TravelRow {
  set: string;
  part: 'dev' | 'held-out';
  mode: 'single' | 'after another topic';
  tickets: number;
  threshold: number;
  resolution: number;
  precision: number;
}

export async function travelRows(
  sets: TravelSet[],
  build: (a: Article[]) => Promise<BotEngine>,
  parts: ReadonlyArray<'dev' | 'held-out'> = ['dev', 'held-out'],
): Promise<TravelRow[]> {
  const rows: TravelRow[] = [];
  for (const s of sets) {
    let engine: Promise<BotEngine> | null = null;
    const once = (a: Article[]) => (engine ??= build(a));
    const byId = new Map(s.articles.map((a) => [a.id, a]));
    for (const [part, ts] of [
      ['dev', s.dev],
      ['held-out', s.heldOut],
    ] as const) {
      if (!parts.includes(part)) continue;
      for (const [mode, run] of [
        ['single', ts],
        ['after another topic', afterAnotherTopic(ts, byId)],
      ] as const) {
        const r = (await evaluate(once, s.articles, run, { threshold: null })).summary;
        rows.push({
          set: s.name,
          part,
          mode,
          tickets: run.length,
          threshold: r.threshold,
          resolution: r.resolution_rate,
          precision: r.answered_precision,
        });
      }
    }
  }
  return rows;
}

/** The table, then the spread of held-out answered precision around the target, per mode. */
export function travelReport(rows: TravelRow[]): string {
  const out = [
    `answered precision target ${TARGET_PRECISION}`,
    '| set | part | mode | tickets | threshold | resolution | answered precision |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.set} | ${r.part} | ${r.mode} | ${r.tickets} | ${r.threshold} | ${r.resolution.toFixed(3)} | ${r.precision.toFixed(3)} |`,
    ),
  ];
  for (const mode of ['single', 'after another topic'] as const) {
    const ps = rows.filter((r) => r.part === 'held-out' && r.mode === mode).map((r) => r.precision);
    if (!ps.length) continue;
    const dev = ps.reduce((a, p) => a + Math.abs(p - TARGET_PRECISION), 0) / ps.length;
    out.push(
      `held-out, ${mode}: precision ${Math.min(...ps).toFixed(3)}-${Math.max(...ps).toFixed(3)} (spread ${(Math.max(...ps) - Math.min(...ps)).toFixed(3)}), mean |precision - ${TARGET_PRECISION}| ${dev.toFixed(3)}`,
    );
  }
  return out.join('\n');
}
