// Choosing entries of an earlier result by the customer's words: an order's items by name and
// options ("the black laser mouse"), an order among the customer's orders by what is in it
// ("the tea kettle order", "it ends in 66"), a payment method ("my paypal", "store credit").
import type { Recogniser } from '../config.ts';
import { holds } from './conditions.ts';
import { resolvePath, text } from './template.ts';
import { findPhrase, words } from './words.ts';

type PickRecogniser = Extract<Recogniser, { type: 'pick' }>;

export interface Picked {
  entries: unknown[];
}

export interface PickOutcome {
  /** The entries chosen (one unless `many`). */
  picked?: unknown[];
  /** Several fit equally: the customer must say which. */
  ambiguous?: unknown[];
}

// "all the items", "everything from the order": every entry ("both of them" refers to those already chosen).
const ALL =
  /\b(?:all (?:of )?(?:the |my |those |these )?(?:items|things|of them)|everything (?:in|from|on) (?:the|that|this|my|one of my) orders?|(?:the )?(?:whole|entire) order)\b/i;
// A clause that names entries to leave out: "not the notebook", "rather than the gift card".
const LEAVE_OUT = /\b(?:not|except|without|rather than|instead of|other than|apart from|but not)\b/i;
// A sentence that chooses: "just the earbuds", "only the skateboard".
const ONLY_SENTENCE = /\b(?:only|just)\b/i;
const SUFFIX_CUE = /\b(?:ends?|ending|last)\b/i;

/** The entries a pick chooses from: a list, or an object's values (payment methods by id). */
export function entriesOf(r: PickRecogniser, scope: Record<string, unknown>): unknown[] {
  const v = resolvePath(scope, r.from);
  const list = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
  return list.filter((e) => r.where.every((c) => holds(c, { ...scope, ...(e as object), entry: e })));
}

function labelWords(entry: unknown, field: string): string[] {
  const v = field === '' || field === '.' ? entry : resolvePath(entry, field);
  return words(text(Array.isArray(v) ? v.join(' ') : v), { content: true });
}

/** The customer's words with aliases replaced by the label words they stand for. */
function customerWords(line: string, aliases: Record<string, string[]>): string[] {
  let t = ` ${words(line).join(' ')} `;
  for (const [canonical, others] of Object.entries(aliases)) {
    for (const o of others) t = t.split(` ${words(o).join(' ')} `).join(` ${words(canonical).join(' ')} `);
  }
  return t.trim().split(' ').filter(Boolean);
}

interface Scored {
  entry: unknown;
  primary: Set<string>;
  secondary: number;
}

function score(r: PickRecogniser, entries: unknown[], line: string): Scored[] {
  const cw = customerWords(line, r.aliases);
  const cset = new Set(cw);
  const suffixes = SUFFIX_CUE.test(line) ? cw.filter((w) => /^\d{2,}$/.test(w)) : [];
  return entries.map((entry) => {
    const [first, ...rest] = r.label;
    const primaryWords = labelWords(entry, first);
    const primary = new Set(primaryWords.filter((w) => cset.has(w)));
    // A multi-word label named in full ("tea kettle") must beat one sharing a word ("electric kettle").
    if (primary.size > 0 && findPhrase(cw, primaryWords) >= 0) primary.add(`\u0000${primaryWords.join(' ')}`);
    const allWords = r.label.flatMap((f) => labelWords(entry, f));
    for (const s of suffixes) {
      if (allWords.some((w) => w.replace(/\D/g, '').endsWith(s) && w.replace(/\D/g, '') !== s)) primary.add(`#${s}`);
    }
    let secondary = 0;
    for (const f of rest) for (const w of new Set(labelWords(entry, f))) if (cset.has(w)) secondary++;
    return { entry, primary, secondary };
  });
}

function isSubset(a: Set<string>, b: Set<string>): boolean {
  if (a.size >= b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Picks entries named in one line of the customer's. */
export function pickFromLine(r: PickRecogniser, entries: unknown[], line: string, requireName = false): PickOutcome {
  if (entries.length === 0) return {};
  if (r.many && ALL.test(line)) return { picked: entries };
  // Sentences that say "only" or "just" speak for the line; clauses that leave out are taken out.
  const sentences = line.split(/[.!?;]+/).filter((s) => s.trim());
  const only = sentences.filter((s) => ONLY_SENTENCE.test(s));
  const clauses = (only.length ? only : sentences).flatMap((s) => s.split(/,|\bbut\b/));
  const leaveOut = clauses.filter((c) => LEAVE_OUT.test(c));
  const keep = clauses.filter((c) => !LEAVE_OUT.test(c));
  if (leaveOut.length === 0 && only.length === 0) return pickFromText(r, entries, line, requireName);
  const out = pickFromText(r, entries, keep.join(', '), requireName);
  const left = new Set(leaveOut.flatMap((c) => pickFromText({ ...r, many: true }, entries, c, true).picked ?? []));
  if (out.picked) {
    const picked = out.picked.filter((e) => !left.has(e));
    return picked.length ? { picked } : {};
  }
  if (out.ambiguous) return { ambiguous: out.ambiguous.filter((e) => !left.has(e)) };
  return out;
}

function pickFromText(r: PickRecogniser, entries: unknown[], line: string, requireName: boolean): PickOutcome {
  const scored = score(r, entries, line);
  let hits = scored.filter((s) => s.primary.size > 0);
  if (hits.length === 0) {
    if (requireName) return {};
    // Secondary words alone (an option, a card's last digits) name an entry only when one stands out.
    const best = Math.max(0, ...scored.map((s) => s.secondary));
    const top = scored.filter((s) => s.secondary === best && best > 0);
    if (top.length === 1) return { picked: [top[0].entry] };
    return {};
  }
  hits = hits.filter((h) => !hits.some((o) => o !== h && isSubset(h.primary, o.primary)));
  // Among entries named alike, options decide ("the black one").
  const groups = new Map<string, Scored[]>();
  for (const h of hits) {
    const key = [...h.primary].sort().join('|');
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const chosen: Scored[] = [];
  let ambiguous: Scored[] | null = null;
  for (const g of groups.values()) {
    const best = Math.max(...g.map((h) => h.secondary));
    const top = g.filter((h) => h.secondary === best);
    // Two entries named alike and told apart by nothing: the customer must say which.
    if (top.length > 1) ambiguous = [...(ambiguous ?? []), ...top];
    chosen.push(top[0]);
  }
  if (r.many) return ambiguous ? { ambiguous: ambiguous.map((c) => c.entry) } : { picked: chosen.map((c) => c.entry) };
  if (chosen.length === 1 && !ambiguous) return { picked: [chosen[0].entry] };
  const rank = (s: Scored) => s.primary.size * 10 + s.secondary;
  const max = Math.max(...chosen.map(rank));
  const top = (ambiguous ?? chosen).filter((c) => rank(c) === max);
  if (top.length === 1) return { picked: [top[0].entry] };
  return { ambiguous: top.map((c) => c.entry) };
}

/** The value a picked entry gives its slot. */
export function pickValue(r: PickRecogniser, entry: unknown): unknown {
  return r.value === '' || r.value === '.' ? entry : resolvePath(entry, r.value);
}
