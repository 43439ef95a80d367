// What the widget shows of a message's text, and how long a line may be.

/**
 * The longest line the server takes (`MessageText` in the widget routes' schema, `maxLength`
 * of `text` in the OpenAPI document); test/browser/widget.test.ts checks the two agree.
 */
export const MAX_MESSAGE_CHARS = 10_000;

/** The counter appears from this many characters on. */
export const COUNTER_FROM = Math.floor(MAX_MESSAGE_CHARS * 0.8);

/** "Source: Title (url)" as the last paragraph: the plain-text form of the citations. */
const SOURCE_LINE = /\n\s*Sources?:[^\n]*\s*$/;

/**
 * A bot answer starts with its first word: no leading blank lines, and when the sources are
 * shown as links under it, not also spelled out at its end. The server sends answers as plain
 * text (article Markdown is read into words when the knowledge is chunked), so there are no
 * marks or headings to take out here.
 */
export function displayText(text: string, linkedSources: boolean): string {
  let t = text.replace(/\r\n?/g, '\n').trim();
  if (linkedSources) t = t.replace(SOURCE_LINE, '');
  return t.replace(/\n{3,}/g, '\n\n').trim();
}

/** A piece of a message's text: words, or a web address to show as a link. */
export type TextPart = string | { href: string; label: string };

// An address up to the next space; punctuation that ends a sentence is not part of it.
const WEB_ADDRESS = /https?:\/\/[^\s<>"]+/g;
const TRAILING = /[.,;:!?'"”’»)\]]+$/;

/**
 * The text cut into words and web addresses ("… find a free line at https://findahelpline.com."):
 * crisis lines, articles and agents' replies give addresses the customer should be able to open.
 * Only http(s) addresses that parse are links; a closing bracket stays when the address opened one.
 */
export function linkParts(text: string): TextPart[] {
  const out: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(WEB_ADDRESS)) {
    let label = m[0].replace(TRAILING, '');
    if (label.includes('(') && m[0].slice(label.length).startsWith(')')) label += ')';
    const href = webAddress(label);
    if (!href) continue;
    if (m.index > at) out.push(text.slice(at, m.index));
    out.push({ href, label });
    at = m.index + label.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) stays text. */
export function webAddress(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
