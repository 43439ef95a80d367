import { describe, expect, it } from 'vitest';
import { backWithBotNotice, emailThanksNotice, handoffNotice, joinedNotice, NOTICE_LANGUAGES } from './notices.ts';

const away = { onShift: false, teamName: null, openHours: true, customerEmail: null };

describe('system notices in the conversation language', () => {
  it('has every notice in the seven languages of the bot, each its own words', () => {
    expect(NOTICE_LANGUAGES).toEqual(['en', 'es', 'fr', 'de', 'pt', 'it', 'nl']);
    const all = (f: (l: string) => string) => new Set(NOTICE_LANGUAGES.map(f)).size;
    expect(all((l) => handoffNotice(l, away))).toBe(7);
    expect(all((l) => handoffNotice(l, { ...away, openHours: false, customerEmail: 'a@b.test' }))).toBe(7);
    expect(all((l) => handoffNotice(l, { ...away, onShift: true, teamName: 'Billing' }))).toBe(7);
    expect(all((l) => handoffNotice(l, { ...away, onShift: true }))).toBe(7);
    expect(all((l) => joinedNotice(l, 'Dana'))).toBe(7);
    expect(all(backWithBotNotice)).toBe(7);
    expect(all(emailThanksNotice)).toBe(7);
  });

  it('fills in the team and the name, and says how we will reply when nobody is in', () => {
    expect(handoffNotice('de', { ...away, onShift: true, teamName: 'Billing' })).toBe('Wir verbinden Sie mit dem Team Billing.');
    expect(joinedNotice('es', 'Dana $& {team}')).toBe('Dana $& {team} se ha unido a la conversación.');
    expect(handoffNotice('en', { ...away, customerEmail: 'a@b.test' })).toBe(
      'Nobody from our team is available right now. We will get back to you at the e-mail address we have for you; you can also add details here, this conversation stays open.',
    );
  });

  it("reads a browser's tag by its primary language", () => {
    expect(backWithBotNotice('fr-CA')).toBe(backWithBotNotice('fr'));
    expect(backWithBotNotice('pt_BR')).toBe(backWithBotNotice('pt'));
  });

  it('falls back to English for another language or none', () => {
    expect(backWithBotNotice('sv')).toBe('You are back with our assistant.');
    expect(backWithBotNotice(null)).toBe('You are back with our assistant.');
  });
});
