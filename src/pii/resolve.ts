import type { Span } from './types.ts';

/**
 * Turns overlapping candidates into a set of disjoint spans. A span inside a longer one
 * of another type goes (see contains), unless that one loses. Spans of the same type that
 * overlap or touch are merged (an address found in pieces becomes one). Between types,
 * the higher score wins, then the longer span, so "4111 1111 1111 1111" stays a card
 * even though the phone library also matches it.
 */
export function resolveOverlaps(spans: readonly Span[]): Span[] {
  const merged = mergeSameType(spans);
  const containers = new Map(merged.map((s) => [s, merged.filter((o) => contains(o, s))]));
  const kept = pick(
    merged.filter((s) => containers.get(s)!.length === 0),
    [],
  );
  // A span whose containers all lost (an "address" read across two IBANs, beaten by the
  // second one) is back in the running: its text must not end up in clear.
  const orphans = merged.filter((s) => {
    const around = containers.get(s)!;
    return around.length > 0 && !around.some((o) => kept.includes(o));
  });
  // Such a span also outranks a weaker one that beat its container ("31 00 00 1" read as a
  // phone number across the end of the address that held an IBAN): the weaker one goes.
  const strongOrphans = orphans.filter((o) => kept.some((k) => overlaps(k, o) && k.score < o.score));
  const survivors = kept.filter((k) => !strongOrphans.some((o) => overlaps(k, o) && k.score < o.score));
  return pick(orphans, survivors).sort((a, b) => a.start - b.start);
}

/** Adds candidates to the kept spans by rank (higher score, then longer), skipping overlaps. */
function pick(candidates: Span[], kept: Span[]): Span[] {
  const ranked = [...candidates].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const span of ranked) {
    if (!kept.some((k) => overlaps(k, span))) kept.push(span);
  }
  return kept;
}

/**
 * A span strictly inside a longer, confident span of another type is part of it: the
 * "Jana Nerudy" of "5850 Jana Nerudy 894" is a street named after a person.
 */
function contains(o: Span, s: Span): boolean {
  return o !== s && o.type !== s.type && o.score >= 0.6 && o.start <= s.start && s.end <= o.end && o.end - o.start > s.end - s.start;
}

function mergeSameType(spans: readonly Span[]): Span[] {
  const byType = new Map<string, Span[]>();
  for (const s of spans) {
    const list = byType.get(s.type);
    if (list) list.push(s);
    else byType.set(s.type, [s]);
  }
  const out: Span[] = [];
  for (const list of byType.values()) {
    list.sort((a, b) => a.start - b.start);
    let current = { ...list[0] };
    for (const s of list.slice(1)) {
      if (s.start < current.end) {
        current.end = Math.max(current.end, s.end);
        current.score = Math.max(current.score, s.score);
      } else {
        out.push(current);
        current = { ...s };
      }
    }
    out.push(current);
  }
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
