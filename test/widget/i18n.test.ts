import { describe, expect, it } from 'vitest';
import { pickLang, STRINGS } from '../../widget/src/i18n.ts';

// The widget's own words in the seven languages the bot replies in (widget/src/i18n.ts).
describe('widget strings', () => {
  it('every language has every key, none empty, and the placeholders of English', () => {
    const keys = Object.keys(STRINGS.en).sort();
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [lang, strings] of Object.entries(STRINGS)) {
      expect(Object.keys(strings).sort(), lang).toEqual(keys);
      for (const k of keys) {
        const v = (strings as Record<string, string>)[k];
        expect(v.trim(), `${lang}.${k}`).not.toBe('');
        expect(placeholders(v), `${lang}.${k}`).toEqual(placeholders((STRINGS.en as Record<string, string>)[k]));
      }
    }
    expect(Object.keys(STRINGS).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl', 'pt']);
  });

  it('picks data-lang, then the browser languages, then English', () => {
    expect(pickLang('nl', ['en-US'])).toBe('nl');
    expect(pickLang(null, ['pt-BR', 'en'])).toBe('pt');
    expect(pickLang(undefined, ['sv-SE', 'it-IT'])).toBe('it');
    expect(pickLang(null, ['sv-SE'])).toBe('en');
  });
});
