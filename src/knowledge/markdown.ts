import { Lexer, type Token, type Tokens } from 'marked';
// Markdown with YAML-style front matter (the subset help centres use: scalars, inline lists
// `[a, b]` and dash lists). The body stays Markdown: the chunker reads it as text.

export interface FrontMatter {
  data: Record<string, string | string[]>;
  body: string;
}

const unquote = (s: string) => s.trim().replace(/^(["'])(.*)\1$/, '$2');

export function parseFrontMatter(text: string): FrontMatter {
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/);
  if (!m) return { data: {}, body: text };
  const data: Record<string, string | string[]> = {};
  let listKey: string | null = null;
  for (const line of m[1].split(/\r?\n/)) {
    const item = line.match(/^\s+-\s+(.*)$/) ?? line.match(/^-\s+(.*)$/);
    if (item && listKey) {
      (data[listKey] as string[]).push(unquote(item[1]));
      continue;
    }
    const kv = line.match(/^([\w-]+):\s*(.*)$/);
    if (!kv) continue;
    const [, key, value] = kv;
    if (value === '') {
      data[key] = [];
      listKey = key;
    } else if (/^\[.*\]$/.test(value.trim())) {
      data[key] = value.trim().slice(1, -1).split(',').map(unquote).filter(Boolean);
      listKey = null;
    } else {
      data[key] = unquote(value);
      listKey = null;
    }
  }
  return { data, body: m[2] };
}

/** Title from front matter, else the first `# heading`. */
export function markdownTitle(fm: FrontMatter): string | null {
  if (typeof fm.data.title === 'string') return fm.data.title;
  return fm.body.match(/^#\s+(.+)$/m)?.[1]?.trim() ?? null;
}

/**
 * What a reader sees of Markdown, as plain text for a chat message (the widget shows text, not
 * Markdown): emphasis and code marks gone, a link as its words with its address after them,
 * list items (numbered when the list is) and table rows on lines of their own, HTML tags dropped.
 */
export function markdownText(markdown: string, opts: { headings?: boolean } = {}): string {
  const tokens = Lexer.lex(markdown);
  // Without headings: text to quote from, where a title line would run into the sentence after it.
  return tokensText(opts.headings === false ? tokens.filter((t) => t.type !== 'heading') : tokens);
}

/** markdownText of blocks the lexer already read (the chunker lexes once to find headings). */
export function tokensText(tokens: Token[]): string {
  return blocks(tokens)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A list item's marker: its number in an ordered list (steps keep their order), else a dash. */
const marker = (list: Tokens.List, i: number) => (list.ordered ? `${(typeof list.start === 'number' ? list.start : 1) + i}.` : '-');

const HTML_TAG = /<[^>]+>/g;
/** The entities help-centre Markdown carries in running text (the lexer leaves them as written). */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: ' ' };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!);

function blocks(tokens: Token[]): string {
  return tokens
    .map((t): string => {
      switch (t.type) {
        case 'heading':
        case 'paragraph':
          return `${inline(t.tokens ?? [])}\n\n`;
        case 'text':
          return t.tokens ? inline(t.tokens) : t.text;
        case 'list': {
          const list = t as Tokens.List;
          return `${list.items.map((item, i) => `${marker(list, i)} ${blocks(item.tokens).trim()}`).join('\n')}\n\n`;
        }
        case 'table': {
          const table = t as Tokens.Table;
          const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens)).join(' | ');
          return `${[row(table.header), ...table.rows.map(row)].join('\n')}\n\n`;
        }
        case 'blockquote':
          return blocks(t.tokens ?? []);
        case 'code':
          return `${t.text}\n\n`;
        case 'html':
          return t.raw.replace(HTML_TAG, '');
        case 'space':
        case 'hr':
          return '\n';
        default:
          return t.raw;
      }
    })
    .join('');
}

function inline(tokens: Token[]): string {
  return tokens
    .map((t): string => {
      switch (t.type) {
        case 'strong':
        case 'em':
        case 'del':
          return inline(t.tokens ?? []);
        case 'text':
          return t.tokens ? inline(t.tokens) : decode(t.text);
        case 'codespan':
        case 'escape':
          return t.text;
        case 'link': {
          // An address written out (<https://…>, www.…, an e-mail) stays as written; an in-page
          // anchor (#section) means nothing in a chat, so only its words are kept.
          if (!t.raw.startsWith('[')) return t.text;
          const words = inline(t.tokens ?? []);
          if (words && t.href.startsWith('#')) return words;
          return words && words !== t.href ? `${words} (${t.href})` : t.href;
        }
        case 'image':
          return t.text;
        case 'br':
          return '\n';
        case 'html':
          return '';
        default:
          return t.raw;
      }
    })
    .join('');
}
