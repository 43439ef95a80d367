import { describe, expect, it } from 'vitest';
import { understand } from './index.ts';
import { detectHumanRequest } from './human-request.ts';
import { detectSensitive } from './sensitive.ts';
import { analyseSentiment } from './sentiment.ts';
import { detectLanguage } from './language.ts';
import { normalize, words } from '../text/normalize.ts';
import type { HistoryTurn } from '../types.ts';

const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: ['refund over limit', 'chargebacks'] };
const u = (text: string, history: HistoryTurn[] = []) => understand({ text, history, policy });

describe('human request', () => {
  it.each([
    'Can I talk to a human please?',
    'I want to speak with a real person',
    'connect me to an agent',
    'agent',
    'Quiero hablar con una persona',
    'Je veux parler à un conseiller',
    'Ich möchte mit einem Mitarbeiter sprechen',
    'Kann ich mit einem Menschen reden?',
  ])('detects "%s"', (text) => expect(detectHumanRequest(normalize(text))).not.toBeNull());

  it.each(['how do I reset my password', 'what is the meaning of life for humans', 'is my agent code valid'])('ignores "%s"', (text) =>
    expect(detectHumanRequest(normalize(text))).toBeNull(),
  );
});

describe('sentiment', () => {
  const s = (t: string) => analyseSentiment(t, normalize(t), words(normalize(t)));
  it('flags anger and frustration', () => {
    expect(s('This is ridiculous, your service is useless!!').frustrated).toBe(true);
    expect(s("I'm fed up, third time I ask").frustrated).toBe(true);
  });
  it('keeps neutral and positive messages calm', () => {
    expect(s('how do I change my address').frustrated).toBe(false);
    expect(s('thanks, that was great').score).toBeGreaterThan(0);
  });
});

describe('sensitive topics', () => {
  it('finds legal threats but not legal questions', () => {
    expect(detectSensitive(normalize("I'm going to sue you"))?.kind).toBe('legal');
    expect(detectSensitive(normalize('my lawyer will contact you'))?.kind).toBe('legal');
    expect(detectSensitive(normalize('how do I file a complaint with the attorney general'))).toBeNull();
  });
  it('finds safety and fraud', () => {
    expect(detectSensitive(normalize('the charger caught fire'))?.kind).toBe('safety');
    expect(detectSensitive(normalize('there is a charge on my card I did not make'))?.kind).toBe('fraud');
    expect(detectSensitive(normalize('I think I was scammed'))?.soft).toBe(true);
  });
});

describe('repeated failure', () => {
  const answered: HistoryTurn[] = [
    { role: 'customer', text: 'how do I reset my password' },
    { role: 'bot', text: 'Go to settings...', action: 'answer', articleIds: ['pw'] },
  ];
  it('notices "that did not help" after an answer', () => {
    expect(u("that didn't help at all", answered).repeatedFailure?.kind).toBe('not_helpful');
  });
  it('notices the same question asked again', () => {
    expect(u('how can I reset the password?', answered).repeatedFailure?.kind).toBe('rephrase');
  });
  it('needs a bot answer first', () => {
    expect(u("that didn't help", []).repeatedFailure).toBeNull();
    expect(u('and how long does it take?', answered).repeatedFailure).toBeNull();
  });
});

describe('policy topics and language', () => {
  it('matches always-human topics on word boundaries, any inflection', () => {
    expect(u('I want to dispute a chargeback').policyTopic).toBe('chargebacks');
    expect(u('what about charges').policyTopic).toBeNull();
  });
  it('detects common languages and falls back on short text', () => {
    expect(detectLanguage('¿Dónde está mi pedido? Lo compré hace una semana')).toBe('es');
    expect(detectLanguage('Wo ist meine Bestellung? Ich habe sie letzte Woche gekauft')).toBe('de');
    expect(detectLanguage('ok', 'fr')).toBe('fr');
  });
  it('reads redaction tokens as words', () => {
    expect(u('my email is <EMAIL_1>').tokens).toContain('email');
  });
});
