/**
 * Recovers spans from a tool that only returns replaced text: each rule's replacement is
 * a private-use marker "\uE000<n>\uE001", and the literal text between markers is found
 * back in the original, left to right. Used by bench/pii.ts to score redact-pii.
 */
export interface MarkedSpan {
  marker: number;
  start: number;
  end: number;
}

const MARKER = /\uE000(\d+)\uE001/g;

export function spansFromReplacement(original: string, replaced: string): MarkedSpan[] {
  const spans: MarkedSpan[] = [];
  let cursorReplaced = 0;
  let cursorOriginal = 0;
  let pending: number | undefined; // marker waiting for its end
  let pendingStart = 0;
  const close = (literal: string, last: boolean) => {
    if (pending === undefined) {
      cursorOriginal += literal.length;
      return;
    }
    // The marker stood for at least one character; its text ends where the literal resumes.
    const at =
      last && literal !== '' ? original.length - literal.length : literal === '' ? -1 : original.indexOf(literal, pendingStart + 1);
    const end = at < 0 ? (last ? original.length : pendingStart + 1) : at;
    spans.push({ marker: pending, start: pendingStart, end: Math.max(end, pendingStart + 1) });
    cursorOriginal = Math.max(end, pendingStart + 1) + literal.length;
    pending = undefined;
  };
  for (const m of replaced.matchAll(MARKER)) {
    const literal = replaced.slice(cursorReplaced, m.index);
    close(literal, false);
    pending = Number(m[1]);
    pendingStart = cursorOriginal;
    cursorReplaced = m.index + m[0].length;
  }
  close(replaced.slice(cursorReplaced), true);
  return spans;
}
