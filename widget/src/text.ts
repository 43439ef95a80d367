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
/** A first line that says again what the next one says (an article heading quoted twice). */
const REPEATED_HEAD = /^#*\s*([^\n]+)\n+#*\s*\1(?=\n|$)/;

/**
 * A bot answer starts with its first word: no leading blank lines, no heading said twice, and
 * when the sources are shown as links under it, not also spelled out at its end.
 */
export function displayText(text: string, linkedSources: boolean): string {
  let t = text.replace(/\r\n?/g, '\n').trim();
  if (linkedSources) t = t.replace(SOURCE_LINE, '');
  return t
    .replace(REPEATED_HEAD, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
