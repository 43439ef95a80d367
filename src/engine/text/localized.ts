// Fixed words the customer reads (the bot's replies, the system's notices), by language.

/** One text per language code ("en", "fr", ...); `en` is always there. */
export type Texts = Readonly<Record<string, string>>;

/** The text in `language`, by its primary subtag ("fr-CA" reads French); English when there is none. */
export function localized(texts: Texts, language: string | null | undefined): string {
  return texts[(language ?? 'en').split(/[-_]/)[0].toLowerCase()] ?? texts.en;
}
