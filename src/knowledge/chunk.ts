// Splits articles into passages: the unit retrieval scores and the composer quotes.
// Passages follow paragraph boundaries and stay under a word budget, so a citation points at
// a readable piece of text and a long page does not drown its best paragraph. A Markdown
// heading starts a new passage, and the passages under it carry it: a long reference page
// is a list of topics, and its headings name them.
import { Lexer } from 'marked';
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

/** Sentences of a block of text; list items and short lines stay whole. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(SENTENCE_END))
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
 * The body cut at its Markdown headings (ATX or setext, never inside code). Blocks that are
 * only HTML tags (anchors such as `<a id="x"></a>`) carry no words and are left out. Plain
 * text without headings comes back whole, as it was.
 */
export function sections(body: string): Section[] {
  const tokens = Lexer.lex(body);
  if (!tokens.some((t) => t.type === 'heading' || isTagsOnly(t.raw))) return [{ heading: null, text: body }];
  const out: Section[] = [{ heading: null, text: '' }];
  for (const t of tokens) {
    if (t.type === 'heading') out.push({ heading: plainHeading(t.text) || null, text: '' });
    else if (!isTagsOnly(t.raw)) out[out.length - 1].text += t.raw;
  }
  return out.filter((x) => x.text.trim().length > 0);
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
