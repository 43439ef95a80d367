// Another variant of the same product, chosen by the option words the customer used: "a white
// optical one, whichever is cheaper", "the 5 ft glass bookshelf", "actually the 1.5L glass one
// instead". Options the customer did not name stay as they were (unless they asked for the
// cheaper one); a later line overrides an earlier one, and "instead" starts afresh.
import type { Recogniser } from '../config.ts';
import { resolvePath, text } from './template.ts';
import { findLastPhrase, words } from './words.ts';

type VariantRecogniser = Extract<Recogniser, { type: 'variant' }>;

export interface VariantOutcome {
  /** One chosen variant per item, in order, when every item's is clear. */
  chosen?: unknown[];
  /** The first item whose variant is not clear, with the variants that would fit. */
  open?: { item: unknown; candidates: unknown[]; unavailable: boolean };
}

const CHEAP = /\b(?:cheap|cheaper|cheapest|less expensive|lowest price|lower price|least expensive)\b/i;
const AFRESH = /\b(?:instead|actually|changed? my mind|rather|on second thought|scratch that)\b/i;
const CLAUSE_END = /[,;.!?]|\band\b|\bbut\b|\bthen\b/gi;
// Option values that are everyday words ("yes", "no", "none") are not read from the customer's words.
const VAGUE = new Set(['yes', 'no', 'none', 'standard', 'regular']);

type Options = Record<string, string>;

function optionsOf(x: unknown, field: string): Options {
  const v = resolvePath(x, field);
  if (!v || typeof v !== 'object') return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, val]) => [k, text(val)]));
}

/** The part of a line about one of several items: from just after the clause before its mention to the next item's clause. */
function segmentFor(line: string, names: string[][], index: number): string | null {
  if (names.length <= 1) return line;
  const lw = words(line);
  const at = names.map((n) => {
    let best = -1;
    for (const w of n) {
      const i = lw.indexOf(w);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  });
  if (at.every((a) => a < 0)) return line;
  if (at[index] < 0) return null;
  const order = at
    .map((a, i) => ({ a, i }))
    .filter((x) => x.a >= 0)
    .sort((x, y) => x.a - y.a);
  const pos = order.findIndex((x) => x.i === index);
  // Cut where the clause of the next mentioned item begins: its last clause break before its mention.
  const cut = (wordIndex: number): number => {
    const before = lw.slice(0, wordIndex).join(' ');
    let last = 0;
    for (const m of before.matchAll(CLAUSE_END)) last = m.index + m[0].length;
    return last;
  };
  const joined = lw.join(' ');
  const start = pos === 0 ? 0 : cut(order[pos].a);
  const end = pos + 1 < order.length ? cut(order[pos + 1].a) : joined.length;
  return joined.slice(start, Math.max(start, end));
}

/** Per option, the value this text names for it: a new one if any (the last named), else the current one. */
function mentions(segment: string, values: Map<string, Set<string>>, current: Options): Options {
  const sw = words(segment);
  const out: Options = {};
  for (const [dim, vals] of values) {
    let chosen: string | null = null;
    let chosenAt = -1;
    let keep = false;
    for (const v of vals) {
      const vw = words(v);
      if (vw.length === 0 || (vw.length === 1 && VAGUE.has(vw[0]))) continue;
      const at = findLastPhrase(sw, vw);
      if (at < 0) continue;
      if (v === current[dim]) keep = true;
      else if (at > chosenAt) {
        chosen = v;
        chosenAt = at;
      }
    }
    if (chosen !== null) out[dim] = chosen;
    else if (keep) out[dim] = current[dim];
  }
  return out;
}

export function chooseVariants(r: VariantRecogniser, items: unknown[], scope: Record<string, unknown>, texts: string[]): VariantOutcome {
  const products = resolvePath(scope, r.products);
  const list = Array.isArray(products) ? products : products ? [products] : [];
  const names = items.map((it) => words(text(resolvePath(it, 'name')), { content: true }));
  const chosen: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const product = list.find((p) => text(resolvePath(p, r.productKey)) === text(resolvePath(item, r.productKey)));
    if (!product) return { open: { item, candidates: [], unavailable: false } };
    const current = optionsOf(item, r.options);
    const all = Object.values((resolvePath(product, r.variants) as Record<string, unknown>) ?? {});
    const values = new Map<string, Set<string>>();
    for (const v of all) for (const [k, val] of Object.entries(optionsOf(v, r.options))) values.set(k, (values.get(k) ?? new Set()).add(val));
    let wanted: Options = {};
    let cheap = false;
    for (const t of texts) {
      const seg = segmentFor(t, names, i);
      if (seg === null) continue;
      if (CHEAP.test(seg)) cheap = true;
      const m = mentions(seg, values, current);
      const changes = Object.entries(m).some(([k, v]) => v !== current[k]);
      if (changes && AFRESH.test(t)) wanted = {};
      wanted = { ...wanted, ...m };
    }
    const asked = Object.entries(wanted).filter(([k, v]) => v !== current[k]);
    const itemValue = text(resolvePath(item, r.value));
    const open = all.filter((v) => resolvePath(v, r.available) !== false && text(resolvePath(v, r.value)) !== itemValue);
    if (asked.length === 0) return { open: { item, candidates: open, unavailable: false } };
    const scoreOf = (v: unknown): number => {
      const o = optionsOf(v, r.options);
      let s = 0;
      for (const k of Object.keys(current).length ? Object.keys(current) : Object.keys(o)) {
        if (k in wanted) s += o[k] === wanted[k] ? (wanted[k] !== current[k] ? 2 : 1) : -3;
        else if (!cheap && o[k] === current[k]) s += 0.5;
      }
      return s;
    };
    const fits = open.filter((v) => Object.entries(wanted).every(([k, w]) => optionsOf(v, r.options)[k] === w));
    if (fits.length === 0) return { open: { item, candidates: open.filter((v) => scoreOf(v) > 0), unavailable: true } };
    const best = Math.max(...fits.map(scoreOf));
    let top = fits.filter((v) => scoreOf(v) === best);
    if (cheap && top.length > 1) {
      const min = Math.min(...top.map((v) => Number(resolvePath(v, r.price))));
      top = top.filter((v) => Number(resolvePath(v, r.price)) === min);
    }
    if (top.length > 1) return { open: { item, candidates: top, unavailable: false } };
    chosen.push(top[0]);
  }
  return { chosen };
}
