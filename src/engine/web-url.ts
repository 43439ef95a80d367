/**
 * An article's link as it may be shown to a customer: http(s) only. A "javascript:" or
 * "data:" link in an article (imported before the API refused them, or from a file) is
 * dropped from citations rather than passed on to the widget.
 */
export function webUrl(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:' ? url : undefined;
}
