import { compile, type HtmlToTextOptions } from 'html-to-text';

// HTML pages to plain text with a real HTML parser (html-to-text, over htmlparser2), so nested
// and unclosed tags are read as a browser would: scripts, styles and navigation dropped, block
// structure kept as line breaks, list items as "- ", links as their text, entities decoded.

const SKIPPED = ['head', 'title', 'script', 'style', 'nav', 'header', 'footer', 'noscript', 'svg', 'img', 'iframe', 'template'];
const LINE = { leadingLineBreaks: 1, trailingLineBreaks: 1 };

const TEXT: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'p', options: LINE },
    { selector: 'pre', options: LINE },
    { selector: 'blockquote', options: { ...LINE, trimEmptyLines: true } },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { ...LINE, uppercase: false } })),
    { selector: 'ul', options: { ...LINE, itemPrefix: '- ' } },
    { selector: 'ol', options: LINE },
    // A table reads as its cells, one a line: no column layout to wrap or pad.
    ...['table', 'tr', 'td', 'th'].map((selector) => ({ selector, format: 'block', options: LINE })),
    { selector: 'hr', format: 'skip' },
  ],
};

const fragmentText = compile(TEXT);

/** The text of an HTML fragment or page. */
export function htmlToText(html: string): string {
  return tidy(fragmentText(html));
}

/** The text of the page's main part: <main>, else <article>, else <body>, else all of it. */
const mainText = compile({
  ...TEXT,
  baseElements: { selectors: ['main', 'article', 'body'], orderBy: 'selectors', returnDomByDefault: true },
  limits: { maxBaseElements: 1 },
});

/** <title>, else the first <h1>. */
const titleText = compile({
  ...TEXT,
  selectors: (TEXT.selectors ?? []).filter((s) => s.selector !== 'head' && s.selector !== 'title'),
  baseElements: { selectors: ['title', 'h1'], orderBy: 'selectors', returnDomByDefault: false },
  limits: { maxBaseElements: 1 },
});

export function htmlTitle(html: string): string | null {
  return tidy(titleText(html)).replace(/\s+/g, ' ') || null;
}

/** One HTML page -> article fields (id comes from the file name). */
export function parseHtmlPage(html: string): { title: string | null; body: string; locale?: string } {
  const lang = html.match(/<html\b[^>]*\blang=["']?([\w-]+)/i)?.[1];
  return { title: htmlTitle(html), body: tidy(mainText(html)), locale: lang };
}

/** Spaces folded, at most one blank line between blocks, no blank lines at either end. */
function tidy(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
