/**
 * Context cues: words near a candidate that make it more (or less) likely to be the
 * entity. "Order 4111 1111 1111 1111" is less likely a card than "card: 4111...".
 */

/** The lower-cased text in a window before the span. */
export function before(text: string, start: number, window = 40): string {
  return text.slice(Math.max(0, start - window), start).toLowerCase();
}

/** The lower-cased text in a window after the span. */
export function after(text: string, end: number, window = 30): string {
  return text.slice(end, end + window).toLowerCase();
}

/** True when a cue matches in the window before the span (or right after it). */
export function hasCue(text: string, start: number, end: number, cue: RegExp, windowBefore = 40, windowAfter = 0): boolean {
  if (cue.test(before(text, start, windowBefore))) return true;
  return windowAfter > 0 && cue.test(after(text, end, windowAfter));
}

// Several detectors need the lower-cased message; the last one is kept so a message is
// lower-cased once per detect() call rather than once per detector.
let lastText = '';
let lastLower = '';

/** The text in lower case (memoised for the most recent text). */
export function lowerCase(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
}

/**
 * True when the lower-cased text contains any of the keys. indexOf per key is much
 * cheaper than a regex alternation tried at every position: detectors use it to skip
 * texts that cannot match before running their expressions.
 */
export function containsAny(lower: string, keys: readonly string[]): boolean {
  for (const key of keys) if (lower.includes(key)) return true;
  return false;
}

/** How many ASCII digits a text has: most detectors need a minimum to have anything to find. */
export function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Raise a score by a boost, capped at 1. */
export function boost(score: number, by: number): number {
  return Math.min(1, score + by);
}

/** True when the characters around [start, end) are not letters or digits: a whole token. */
export function isBounded(text: string, start: number, end: number): boolean {
  const left = start > 0 ? text[start - 1] : ' ';
  const right = end < text.length ? text[end] : ' ';
  return !/[\p{L}\p{N}]/u.test(left) && !/[\p{L}\p{N}]/u.test(right);
}
