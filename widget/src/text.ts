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
