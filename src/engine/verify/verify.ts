// Stage: verify. Every claim sentence must be supported by a cited passage: its content words
// mostly appear there, and every number, price, date, e-mail and link in it appears verbatim.
// Unsupported sentences are dropped; an answer left with no claim is not sent.
import type { AnswerPart } from '../compose/compose.ts';
import type { Citation } from '../types.ts';
import { terms } from '../retrieve/bm25.ts';
import { normalize } from '../text/normalize.ts';

export interface VerifyResult {
  parts: AnswerPart[];
  dropped: { text: string; why: string }[];
  /** True when at least one supported claim remains. */
  ok: boolean;
}

const EXACT = /https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|[$€£¥]?\d[\d,.:/-]*%?/g;

/** Numbers, prices, dates, e-mails and links of a text, trimmed of trailing punctuation. */
export function exactTokens(text: string): string[] {
  return (text.match(EXACT) ?? []).map((t) => t.replace(/[.,;:)]+$/, '').toLowerCase()).filter((t) => t.length > 0);
}

export function supportOf(sentence: string, passage: string, minOverlap = 0.8): { ok: boolean; why: string } {
  const p = normalize(passage);
  if (p.includes(normalize(sentence).trim())) return { ok: true, why: 'quoted' };
  const pRaw = passage.toLowerCase().replace(/\s+/g, ' ');
  for (const t of exactTokens(sentence)) {
    if (!pRaw.includes(t)) return { ok: false, why: `"${t}" is not in the passage` };
  }
  const st = terms(sentence);
  if (st.length === 0) return { ok: false, why: 'no content' };
  const pt = new Set(terms(passage));
  const share = st.filter((t) => pt.has(t)).length / st.length;
  return share >= minOverlap
    ? { ok: true, why: `overlap ${share.toFixed(2)}` }
    : { ok: false, why: `only ${Math.round(share * 100)}% of its words are in the passage` };
}

export function verify(parts: AnswerPart[], citations: Citation[]): VerifyResult {
  const kept: AnswerPart[] = [];
  const dropped: VerifyResult['dropped'] = [];
  for (const part of parts) {
    if (part.kind === 'frame') {
      kept.push(part);
      continue;
    }
    const checks = citations.map((c) => supportOf(part.text, c.passage));
    const good = checks.find((c) => c.ok);
    if (good) kept.push(part);
    else dropped.push({ text: part.text, why: checks[0]?.why ?? 'no citation' });
  }
  return { parts: kept, dropped, ok: kept.some((p) => p.kind === 'claim') };
}
