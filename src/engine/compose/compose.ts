// Stage: compose. The embedded engine writes no new claims: it quotes the sentences of the
// chosen passage that best match the question, in their original order, with a short frame
// and the citation. Frame text is marked so the verifier knows it makes no claim.
import { webUrl } from '../web-url.ts';
import type { Passage } from '../../knowledge/chunk.ts';
import type { Article, Citation } from '../types.ts';
import { terms } from '../retrieve/bm25.ts';
import { answerTypeOf, passageHasAnswerType } from '../retrieve/answer-type.ts';
import { normalize } from '../text/normalize.ts';
import { primaryLanguage } from '../text/localized.ts';

export interface AnswerPart {
  text: string;
  /** 'claim' sentences must be supported by the cited passage; 'frame' text carries no facts. */
  kind: 'claim' | 'frame';
}

export interface Draft {
  parts: AnswerPart[];
  citations: Citation[];
}

const MAX_SENTENCES = 3;

/**
 * Picks up to three sentences: the best match and its neighbours, kept in passage order. A
 * sentence scores the question's terms it holds (each once: a page that names its subject in
 * every sentence must not win by repeating it) and one more when it holds the kind of answer asked
 * (an amount for "how much": "how much is a gift card" quoted validity and the balance check,
 * and left out the amounts). The earlier sentence wins a tie.
 */
export function selectSentences(passage: Passage, question: string): string[] {
  const s = passage.sentences;
  if (s.length <= MAX_SENTENCES) return s;
  const q = new Set(terms(question));
  const asked = answerTypeOf(normalize(question));
  let best = 0;
  let bestScore = -1;
  s.forEach((sentence, i) => {
    let score = 0;
    for (const t of new Set(terms(sentence))) if (q.has(t)) score++;
    if (asked !== 'none' && passageHasAnswerType(asked, sentence)) score++;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  const start = Math.max(0, Math.min(best - 1, s.length - MAX_SENTENCES));
  return s.slice(start, start + MAX_SENTENCES);
}

export function compose(article: Article, passage: Passage, question: string, language: string): Draft {
  const claims = selectSentences(passage, question);
  const parts: AnswerPart[] = [];
  if (language === 'en') parts.push({ kind: 'frame', text: `From “${article.title}”:` });
  for (const c of claims) parts.push({ kind: 'claim', text: c });
  return {
    parts,
    citations: [{ articleId: article.id, title: article.title, url: webUrl(article.url), passage: passage.text }],
  };
}

/** What a follow-up asks: its text, the conversation's question before it, and its support-vocabulary expansions. */
export interface FollowUp {
  text: string;
  /** The customer's question before it: its words are the topic, not what the follow-up adds. */
  earlier?: string | null;
  /** Words the follow-up adds through the support vocabulary ("germany" in a shipping question: "abroad"). */
  extra?: Iterable<string>;
}

/**
 * An answer from the article the bot has just quoted, to a message that asks about part of it:
 * only the sentences that hold a word the new message adds (not one of the question before it),
 * or the kind of answer it asks for. "what about express?" after the shipping answer gets "Express
 * shipping arrives in 1 to 2 business days.", not the same three sentences again; "what about apple
 * pay?" after "can I pay with paypal?" shares only "pay" with the page, a word of the topic, so it
 * gets the whole answer (the list of what is accepted answers it by omission). Applies only when
 * every sentence drafted was already said from this article in the conversation (`said`): a new
 * part of the article is quoted as drafted. Where no sentence or every sentence holds one, the
 * draft stands.
 */
export function narrowRepeat(parts: AnswerPart[], said: string, asked: FollowUp): AnswerPart[] {
  const claims = parts.filter((p) => p.kind === 'claim');
  if (claims.length < 2 || !claims.every((c) => said.includes(c.text))) return parts;
  const topic = new Set(terms(asked.earlier ?? ''));
  const q = [...terms(asked.text).filter((t) => !topic.has(t)), ...[...(asked.extra ?? [])].flatMap((w) => terms(w))];
  // The kind of answer asked counts when it is the follow-up's own ("how long does it take?" after
  // "how do I get a refund?"), not the topic's ("pay" asks for an amount in both questions).
  const kind = answerTypeOf(normalize(asked.text));
  const newKind = kind !== answerTypeOf(normalize(asked.earlier ?? '')) ? kind : 'none';
  const answers = (c: AnswerPart) =>
    terms(c.text).some((t) => q.some((w) => sameWord(w, t))) || (newKind !== 'none' && passageHasAnswerType(newKind, c.text));
  const kept = claims.filter(answers);
  if (kept.length === 0 || kept.length === claims.length) return parts;
  return parts.filter((p) => p.kind === 'frame' || kept.includes(p));
}

/** Stems of one word in two forms the light stemmer leaves apart ("expir", "expiry"): one a prefix of the other, of five letters or more. */
const PREFIX_LETTERS = 5;
const sameWord = (a: string, b: string) =>
  a === b || (Math.min(a.length, b.length) >= PREFIX_LETTERS && (a.startsWith(b) || b.startsWith(a)));

/** "Do you mean {list}?" and the word for "or", in each reply language. */
const CLARIFY: Readonly<Record<string, { ask: string; or: string }>> = {
  en: { ask: 'Do you mean {list}?', or: 'or' },
  es: { ask: '¿Se refiere a {list}?', or: 'o' },
  fr: { ask: 'Voulez-vous parler de {list} ?', or: 'ou' },
  de: { ask: 'Meinen Sie {list}?', or: 'oder' },
  pt: { ask: 'Refere-se a {list}?', or: 'ou' },
  it: { ask: 'Intende {list}?', or: 'o' },
  nl: { ask: 'Bedoelt u {list}?', or: 'of' },
};

/** A clarifying question naming the options (titles only: no claims to verify). */
export function composeClarify(options: Article[], language: string): string {
  const { ask, or } = CLARIFY[primaryLanguage(language)] ?? CLARIFY.en;
  const names = options.map((a) => `“${a.title}”`);
  // The conjunction is placed, never substituted: a title may hold the word itself ("Damaged or wrong item").
  const list = names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${or} ${names.at(-1)}`;
  return ask.replace('{list}', list);
}

/** A list item as passages hold it (`markdownText`): a dash or its number, then its words. */
const LIST_ITEM = /^(?:-|\d+\.)\s/;

/** The parts as one text: sentences run on, list items keep a line each (a list read as one sentence loses its steps). */
function joinParts(parts: AnswerPart[]): string {
  return parts.map((p, i) => (i === 0 ? '' : LIST_ITEM.test(p.text) || LIST_ITEM.test(parts[i - 1].text) ? '\n' : ' ') + p.text).join('');
}

export function renderAnswer(parts: AnswerPart[], citations: Citation[]): string {
  const body = joinParts(parts);
  // Several passages of one article are one source.
  const src = [...new Set(citations.map((c) => (c.url ? `${c.title} (${c.url})` : c.title)))].join('; ');
  return src ? `${body}\n\nSource: ${src}` : body;
}
