// Verifying text a model wrote (additive to verify.ts, which checks the embedded engine's
// quotes). A generated sentence is kept only when one cited passage supports it:
//   * it quotes the passage, or ≥ 80% of its content words are in it (supportOf's rule);
//   * every number, price, date, e-mail and link in it is in the passage as a whole token
//     ("5" is not found in "15" or "5.99", a link not in a longer link), and so is every
//     number word ("thirty"), month and weekday;
//   * its negation agrees with the passage sentences it draws on ("can" vs "cannot");
//   * it holds no PII redaction token (<EMAIL_1>): the model must not echo or invent them.
import { splitSentences } from '../../knowledge/chunk.ts';
import { markdownText } from '../../knowledge/markdown.ts';
import { terms } from '../retrieve/bm25.ts';
import { normalize } from '../text/normalize.ts';
import type { Citation } from '../types.ts';
import { exactTokens } from './verify.ts';

export interface Support {
  ok: boolean;
  why: string;
}

export interface GeneratedVerification {
  /** Sentences kept, in order, each with the indexes of the citations that support it. */
  kept: { text: string; supportedBy: number[] }[];
  dropped: { text: string; why: string }[];
  /** True when at least one sentence is kept. */
  ok: boolean;
}

const NUMBER_WORDS = [
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'thousand',
  'million',
  'billion',
  'dozen',
];
// "May" is left out: as a verb it is far more common than as a month.
const CALENDAR_WORDS = [
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
const FACT_WORDS = new RegExp(`\\b(?:${[...NUMBER_WORDS, ...CALENDAR_WORDS].join('|')})\\b`, 'gi');
const NEGATION = /\b(?:not|no|never|cannot|none|nor|neither|nothing|nobody|without|unable|nicht|kein|keine|nunca|jamais|pas)\b|n[’']t\b/i;
const REDACTION_TOKEN = /<[A-Z][A-Z_]*_\d+>/;

/**
 * Sentences of a model's answer as the customer reads them (`markdownText`, as the passages
 * are): Markdown marks and list markers removed, links as words and address. A heading the
 * model writes is a title, not a claim, and is left out.
 */
export function splitClaims(text: string): string[] {
  const plain = markdownText(text, { headings: false })
    .split(/\n+/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, ''))
    .join('\n');
  return splitSentences(plain);
}

/** Facts that must appear in the passage as they are: exactTokens plus number words and calendar words. */
export function factTokens(sentence: string): string[] {
  const exact = exactTokens(sentence)
    .map((t) => t.replace(/[-/]+$/, ''))
    .filter((t) => t.length > 0);
  const words = (sentence.match(FACT_WORDS) ?? []).map((w) => w.toLowerCase());
  return [...new Set([...exact, ...words])];
}

/** `token` occurs in `hay` as a whole: not inside a longer number, word or link. */
export function containsWhole(hay: string, token: string): boolean {
  for (let i = hay.indexOf(token); i >= 0; i = hay.indexOf(token, i + 1)) {
    const before = hay.slice(Math.max(0, i - 2), i);
    const after = hay.slice(i + token.length, i + token.length + 2);
    const badBefore = /[\p{L}\p{N}_@/]$/u.test(before) || /\p{N}[.,:/-]$/u.test(before);
    const badAfter = /^[\p{L}\p{N}_?=&#%@/]/u.test(after) || /^[.,:/][\p{L}\p{N}]/u.test(after) || /^-\p{N}/u.test(after);
    if (!badBefore && !badAfter) return true;
  }
  return false;
}

export const hasNegation = (text: string): boolean => NEGATION.test(text);

function overlapShare(claimTerms: string[], text: string): number {
  if (claimTerms.length === 0) return 0;
  const t = new Set(terms(text));
  return claimTerms.filter((x) => t.has(x)).length / claimTerms.length;
}

export function supportOfGenerated(sentence: string, passage: string, minOverlap = 0.8): Support {
  if (REDACTION_TOKEN.test(sentence)) return { ok: false, why: 'holds a redaction token' };
  const hay = passage.toLowerCase().replace(/\s+/g, ' ');
  for (const t of factTokens(sentence)) {
    if (!containsWhole(hay, t)) return { ok: false, why: `"${t}" is not in the passage` };
  }
  const quoted = normalize(passage).includes(normalize(sentence).trim());
  const st = terms(sentence);
  if (!quoted) {
    if (st.length === 0) return { ok: false, why: 'no content' };
    const share = overlapShare(st, passage);
    if (share < minOverlap) return { ok: false, why: `only ${Math.round(share * 100)}% of its words are in the passage` };
  }
  // Negation must agree with the passage sentence the claim draws on (the closest ones):
  // "gift cards can be refunded" is not supported by "refunds are not available for gift cards".
  const sentences = splitSentences(passage).map((s) => ({ s, share: overlapShare(st, s) }));
  const best = Math.max(0, ...sentences.map((x) => x.share));
  const near = best > 0 ? sentences.filter((x) => x.share >= 0.9 * best) : [];
  const neg = hasNegation(sentence);
  if (near.length > 0 && !near.some((x) => hasNegation(x.s) === neg)) {
    return { ok: false, why: neg ? 'negates what the passage says' : 'drops a negation the passage has' };
  }
  return { ok: true, why: quoted ? 'quoted' : 'supported' };
}

/** Checks each sentence against every citation; unsupported sentences are dropped. */
export function verifyGenerated(sentences: string[], citations: Citation[], minOverlap = 0.8): GeneratedVerification {
  const kept: GeneratedVerification['kept'] = [];
  const dropped: GeneratedVerification['dropped'] = [];
  for (const text of sentences) {
    if (citations.length === 0) {
      dropped.push({ text, why: 'no citation' });
      continue;
    }
    const checks = citations.map((c) => supportOfGenerated(text, c.passage, minOverlap));
    const supportedBy = checks.flatMap((c, i) => (c.ok ? [i] : []));
    if (supportedBy.length > 0) kept.push({ text, supportedBy });
    else dropped.push({ text, why: checks[0].why });
  }
  return { kept, dropped, ok: kept.length > 0 };
}
