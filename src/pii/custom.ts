import { RE2JS } from 're2js';
import type { Span } from './types.ts';

/** What the detector needs of a validated custom pattern (settings.ts validates; it imports this file). */
interface CustomPattern {
  type: string;
  pattern: string;
  flags: string;
  score: number;
}

/*
 * Workspace admins' own patterns run in RE2 (re2js, pure JS): matching takes time linear in
 * the text whatever the pattern, so "(a+)+$" cannot stall the event loop for every tenant
 * as a backtracking engine would. RE2 has no backreferences or lookarounds; such patterns
 * are refused when saved (400) and skipped if an older policy holds one.
 */

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/** Compiles a pattern (JavaScript syntax, flags from "imsu") for RE2; throws when RE2 cannot express it. */
export function compileCustom(source: string, flags = ''): RE2JS {
  let bits = 0;
  for (const f of flags) bits |= FLAGS[f] ?? 0;
  return RE2JS.compile(RE2JS.translateRegExp(source), bits);
}

/** Why RE2 refuses a pattern, or undefined when it runs. */
export function customPatternProblem(source: string, flags = ''): string | undefined {
  try {
    compileCustom(source, flags);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

// Compiled patterns are cached per source so a workspace's rules compile once; null marks
// one RE2 refused. Bounded: sources come from every workspace's policy.
const compiled = new Map<string, RE2JS | null>();
const MAX_CACHED = 2000;

function cached(p: CustomPattern): RE2JS | null {
  const key = `${p.flags}/${p.pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    if (compiled.size >= MAX_CACHED) compiled.clear();
    re = customPatternProblem(p.pattern, p.flags) === undefined ? compileCustom(p.pattern, p.flags) : null;
    compiled.set(key, re);
  }
  return re;
}

/** The spans a workspace's custom patterns find (the whole match is the entity). */
export function detectCustom(text: string, patterns: readonly CustomPattern[]): Span[] {
  const spans: Span[] = [];
  for (const p of patterns) {
    const re = cached(p);
    if (!re) continue;
    const m = re.matcher(text);
    while (m.find()) {
      const start = m.start();
      const end = m.end();
      if (end > start) spans.push({ type: p.type, start, end, score: p.score });
    }
  }
  return spans;
}
