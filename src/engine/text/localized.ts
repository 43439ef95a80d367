// Fixed words the customer reads (the bot's replies, the system's notices), by language, and a
// workspace's own words, which may come in several languages.
import { z } from 'zod';

/** One text per language code ("en", "fr", ...); `en` is always there. */
export type Texts = Readonly<Record<string, string>>;

/** A language code's primary subtag, lower-case: "fr-CA" and "FR_ca" are "fr". */
export const primaryLanguage = (code: string): string => code.split(/[-_]/)[0]!.toLowerCase();

/** The text in `language`, by its primary subtag ("fr-CA" reads French); English when there is none. */
export function localized(texts: Texts, language: string | null | undefined): string {
  return texts[primaryLanguage(language ?? 'en')] ?? texts.en;
}

/** A workspace's own words: one text for every language, or one per language code. */
export type OwnText = string | Readonly<Record<string, string>>;

/**
 * A workspace's own words in `language`: its one text, or its text for that language, else its
 * English one, else the first it gave (its numbers beat the default's, in any language).
 */
export function ownText(own: OwnText, language: string | null | undefined): string {
  if (typeof own === 'string') return own;
  return localized(own as Texts, language) ?? Object.values(own)[0]!;
}

/** Every text of a workspace's own words (to check each of them). */
export const ownTexts = (own: OwnText): string[] => (typeof own === 'string' ? [own] : Object.values(own));

/** A language code as conversations record theirs: the primary subtag ("en", "de"). */
export const languageCode = () => z.string().regex(/^[a-z]{2,3}$/, 'use a language code such as "en" or "de"');

/**
 * The schema of a workspace's own words, each text read by `line`: one text, or an object of
 * language codes ("en", "de": the primary subtag a conversation's language is read by).
 */
export const ownTextSchema = <T extends z.ZodType<string>>(line: T) =>
  z.union(
    [
      line,
      z
        .record(languageCode(), line)
        .refine((texts) => Object.keys(texts).length > 0, 'give at least one language')
        .refine((texts) => Object.keys(texts).length <= 50, 'at most 50 languages'),
    ],
    { error: ownTextError },
  );

/** Why a value is neither one text nor texts by language: the object's own fault when it is one ("German": not a code). */
function ownTextError(issue: { code?: string; input?: unknown; errors?: unknown }): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  if (issue.input === null || typeof issue.input !== 'object' || Array.isArray(issue.input))
    return 'give a text, or an object of texts by language code ("en", "de")';
  const inner = (issue.errors as { message?: string; path?: PropertyKey[]; issues?: { message?: string }[] }[][] | undefined)?.[1]?.[0];
  const why = inner?.issues?.[0]?.message ?? inner?.message;
  return why && inner?.path?.length ? `"${inner.path.map(String).join('.')}": ${why}` : why;
}
