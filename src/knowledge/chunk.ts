// Splits articles into passages: the unit retrieval scores and the composer quotes.
// Passages follow paragraph boundaries and stay under a word budget, so a citation points at
// a readable piece of text and a long page does not drown its best paragraph. A Markdown
// heading starts a new passage, and the passages under it carry it: a long reference page
// is a list of topics, and its headings name them. Passages hold the words without their
// Markdown marks: what the bot quotes is what the customer reads.
import { Lexer, type Token } from 'marked';
import { tokensText } from './markdown.ts';
import type { Article } from '../engine/types.ts';

export interface Passage {
  /** `${articleId}#${index}` */
  id: string;
  articleId: string;
  index: number;
  title: string;
  /** The Markdown heading the passage sits under (null before the first one, or with none). */
  heading: string | null;
  text: string;
  sentences: string[];
}

export interface ChunkOptions {
  maxWords: number;
}

export const DEFAULT_CHUNK: ChunkOptions = { maxWords: 120 };

const SENTENCE_END = /(?<=[.!?;:])\s+(?=["“(\[]?[A-Z0-9])/;

/** The number of a numbered list item ("2. Post it"): it starts the item's first sentence, it is not a sentence. */
const ITEM_NUMBER = /^\s*\d+\.\s+/;

/** Sentences of a block of text; list items and short lines stay whole. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => {
      const number = line.match(ITEM_NUMBER)?.[0] ?? '';
      const [first = '', ...rest] = line.slice(number.length).split(SENTENCE_END);
      return [number + first, ...rest];
    })
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** A run of the body under one heading. */
export interface Section {
  heading: string | null;
  text: string;
}

/** An HTML tag, as Markdown may carry them inline or as whole blocks. */
const TAG = /<[^>]+>/g;

/** Heading text without inline Markdown (code ticks, emphasis, link targets). */
const plainHeading = (text: string) =>
  text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(TAG, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The body cut at its Markdown headings (ATX or setext, never inside code), each run as the
 * plain text a reader sees (`tokensText`): the composer quotes it to customers, whose widget
 * shows text, not Markdown, and the verifier and a model read the same words. Blocks that are
 * only HTML tags (anchors such as `<a id="x"></a>`) carry no words and are left out. Plain
 * text comes back as it was.
 */
export function sections(body: string): Section[] {
  const runs: { heading: string | null; tokens: Token[] }[] = [{ heading: null, tokens: [] }];
  for (const t of Lexer.lex(body)) {
    if (t.type === 'heading') runs.push({ heading: plainHeading(t.text) || null, tokens: [] });
    else if (!isTagsOnly(t.raw)) runs[runs.length - 1].tokens.push(t);
  }
  // Without headings the one run is the whole body, as written (the lexer's copy has its line breaks rewritten).
  const written = (tokens: Token[]) => (runs.length === 1 ? body : tokens.map((t) => t.raw).join(''));
  return runs.map((r) => ({ heading: r.heading, text: asRead(r.tokens, written(r.tokens)) })).filter((x) => x.text.trim().length > 0);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A run as a reader sees it; one with no marks to take out stays as written, and splits into sentences as it always did. */
function asRead(tokens: Token[], written: string): string {
  const text = tokensText(tokens);
  return squash(text) === squash(written) ? written : text;
}

function isTagsOnly(raw: string): boolean {
  const words = raw.replace(TAG, '');
  return words.length !== raw.length && words.trim().length === 0;
}

export function chunkArticle(article: Article, opts: ChunkOptions = DEFAULT_CHUNK): Passage[] {
  const groups: { heading: string | null; sentences: string[] }[] = [];
  for (const section of sections(article.body)) {
    let current: string[] = [];
    let words = 0;
    for (const s of splitSentences(section.text)) {
      const n = wordCount(s);
      if (current.length > 0 && words + n > opts.maxWords) {
        groups.push({ heading: section.heading, sentences: current });
        current = [];
        words = 0;
      }
      current.push(s);
      words += n;
    }
    if (current.length > 0) groups.push({ heading: section.heading, sentences: current });
  }
  if (groups.length === 0) groups.push({ heading: null, sentences: [article.title] });
  return groups.map((g, index) => ({
    id: `${article.id}#${index}`,
    articleId: article.id,
    index,
    title: article.title,
    heading: g.heading,
    text: g.sentences.join(' '),
    sentences: g.sentences,
  }));
}

export function chunkArticles(articles: Article[], opts: ChunkOptions = DEFAULT_CHUNK): Passage[] {
  return articles.flatMap((a) => chunkArticle(a, opts));
}
