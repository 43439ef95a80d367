// Slot values from the customer's words. Patterns, choices and personal details are read from
// each line as it comes (a later line overrides an earlier one); picks and variants need an
// earlier result (the order's items, the product's variants), so they are read when the
// playbook reaches them, from the newest line that names something.
import type { Recogniser, Slot } from '../config.ts';
import { findEntities } from './entities.ts';
import { entriesOf, pickFromLine, pickValue } from './pick.ts';
import type { Active } from './state.ts';
import { fill, resolvePath, text, type Scope } from './template.ts';
import { chooseVariants } from './variant.ts';
import { findLastPhrase, words } from './words.ts';

/** A slot's value in one line from the recognisers that need no result, or undefined. */
export function fromLine(slot: Slot, line: string, asked: boolean): unknown[] | undefined {
  for (const r of slot.recognise) {
    const found = lineValues(r, line, asked);
    if (found && found.length > 0) return found;
  }
  return undefined;
}

function lineValues(r: Recogniser, line: string, asked: boolean): unknown[] | undefined {
  switch (r.type) {
    case 'pattern': {
      const re = new RegExp(r.pattern, r.flags.includes('g') ? r.flags : r.flags + 'g');
      const out = [...line.matchAll(re)].map((m) => (r.value ? r.value.replace(/\{(\d+)\}/g, (_x, i: string) => m[Number(i)] ?? '') : m[0]));
      return out.length ? out : undefined;
    }
    case 'choice': {
      const lw = words(line);
      let best: { value: string; at: number } | null = null;
      for (const [value, phrases] of Object.entries(r.options)) {
        for (const p of phrases) {
          const at = findLastPhrase(lw, words(p));
          if (at >= 0 && (!best || at > best.at)) best = { value, at };
        }
      }
      return best ? [best.value] : undefined;
    }
    case 'entity': {
      const found = findEntities(r.entity, line, { asked });
      return found.length ? found : undefined;
    }
    default:
      return undefined;
  }
}

/** Reads every line-level slot from a line into the playbook's slots; true if any changed. */
export function readLine(slots: Slot[], active: Active, line: string): boolean {
  let changed = false;
  for (const slot of slots) {
    const found = fromLine(slot, line, active.asked === slot.name);
    if (!found) continue;
    const v = found[0];
    if (JSON.stringify(active.slots[slot.name]) !== JSON.stringify(v)) {
      active.slots[slot.name] = v;
      active.labels[slot.name] = text(v);
      delete active.entries[slot.name];
      changed = true;
    }
  }
  return changed;
}

export interface LazyOutcome {
  changed: boolean;
  /** Entries the customer must choose between (shown in the question). */
  choices?: string[];
  /** What the customer asked for is not available. */
  unavailable?: boolean;
}

const MORE = /\b(?:also|as well|too|in addition|additionally|plus|another)\b/i;
// A later line naming one item replaces the earlier choice only when it says so; otherwise it adds.
const ONLY = /\b(?:only|just|instead|rather|not the|except)\b/i;

/** Picks and variants for a slot, now that the results they choose from exist. */
export function readLazy(slot: Slot, active: Active, scope: Scope, current: string): LazyOutcome {
  for (const r of slot.recognise) {
    if (r.type === 'pick') {
      const entries = entriesOf(r, scope);
      if (entries.length === 0) continue;
      const filled = active.slots[slot.name] !== undefined;
      const show = (e: unknown) => (r.show ? fill(r.show, e as Scope) : text(resolvePath(e, r.label[0])));
      const set = (picked: unknown[]): LazyOutcome => {
        const value = r.many ? picked.map((e) => pickValue(r, e)) : pickValue(r, picked[0]);
        const changed = JSON.stringify(active.slots[slot.name]) !== JSON.stringify(value);
        active.slots[slot.name] = value;
        active.entries[slot.name] = picked;
        active.labels[slot.name] = picked.map(show).join(', ');
        return { changed };
      };
      if (filled && (r.onlyWhenEmpty || !active.entries[slot.name])) {
        // Filled from the words directly or kept on purpose: a pick may still refresh the entries it stands for.
        if (!active.entries[slot.name]) {
          const want = [active.slots[slot.name]].flat().map(String);
          const match = entries.filter((e) => want.includes(String(pickValue(r, e))));
          if (match.length) {
            active.entries[slot.name] = match;
            active.labels[slot.name] = match.map(show).join(', ');
          }
        }
        if (r.onlyWhenEmpty) return { changed: false };
      }
      if (filled) {
        const now = pickFromLine(r, entries, current, true);
        if (!now.picked) return { changed: false };
        const prior = active.entries[slot.name] ?? [];
        const merged = r.many && !ONLY.test(current) ? [...prior, ...now.picked.filter((e) => !prior.includes(e) && !prior.some((p) => JSON.stringify(p) === JSON.stringify(e)))] : now.picked;
        return set(merged);
      }
      for (let i = active.texts.length - 1; i >= 0; i--) {
        const out = pickFromLine(r, entries, active.texts[i]);
        if (out.picked) {
          // "also the desk lamp": the earlier lines' picks join this one.
          let picked = out.picked;
          if (r.many && MORE.test(active.texts[i])) {
            for (let j = i - 1; j >= 0; j--) {
              const more = pickFromLine(r, entries, active.texts[j]).picked ?? [];
              picked = [...picked, ...more.filter((e) => !picked.includes(e))];
              if (!MORE.test(active.texts[j])) break;
            }
          }
          return set(picked);
        }
        if (out.ambiguous) return { changed: false, choices: out.ambiguous.map(show) };
      }
      if (r.single && entries.length === 1) return set(entries);
      return { changed: false, choices: entries.map(show) };
    }
    if (r.type === 'variant') {
      const items = active.entries[r.items];
      if (!items || items.length === 0) continue;
      const out = chooseVariants(r, items, scope, active.texts);
      const show = (v: unknown) => fill(r.show, v as Scope);
      if (out.chosen) {
        const value = out.chosen.map((v) => resolvePath(v, r.value));
        const changed = JSON.stringify(active.slots[slot.name]) !== JSON.stringify(value);
        active.slots[slot.name] = value;
        active.entries[slot.name] = out.chosen;
        // Each change in words: "Bookshelf (metal, brown, 4 ft) for glass, brown, 5 ft ($537.01)".
        const before = active.labels[r.items]?.split(', ') ?? [];
        active.labels[slot.name] = out.chosen
          .map((v, i) => {
            const name = text(resolvePath(items[i], 'name'));
            const old = text(resolvePath(items[i], 'options'));
            return `${name ? `${name} (${old})` : (before[i] ?? '')} for ${show(v)}`;
          })
          .join('; ');
        return { changed };
      }
      if (active.slots[slot.name] !== undefined) return { changed: false };
      return { changed: false, choices: (out.open?.candidates ?? []).map(show), unavailable: out.open?.unavailable };
    }
  }
  return { changed: false };
}
