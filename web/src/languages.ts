// The languages the workspace's screens offer to pick (the bot's reply languages), and their names.

/** Language codes as conversations record them: the bot answers in these. */
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl'] as const;

const NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** "pt" → "Portuguese"; the code itself where the browser knows no name. */
export const languageName = (code: string): string => NAMES.of(code) ?? code;

/** "pt-BR" → "pt": the language a macro or an article is written for is read by its primary subtag. */
export const primaryLanguage = (code: string): string => code.split(/[-_]/)[0]!.toLowerCase();
