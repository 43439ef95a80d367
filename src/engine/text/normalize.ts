// Text normalisation shared by every stage, so that training and live traffic see text the same way.

import { memoized } from './memo.ts';

/** Redaction tokens from the PII shield, e.g. `<EMAIL_1>`; they become a neutral word per type. */
const REDACTION = /<([A-Z][A-Z_]*?)(?:_\d+)?>/g;

/** Lower-case, strip accents, turn redaction tokens into placeholder words (`<EMAIL_1>` -> `email`). */
export const normalize: (text: string) => string = memoized(normalizeText, 512);

function normalizeText(text: string): string {
  return text
    .replace(REDACTION, (_m, type: string) => ` ${type.toLowerCase().replace(/_/g, '')} `)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'");
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

/** Word tokens of already-normalised text; keeps contractions ("don't") together. */
export function words(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}

/** Already-normalised text with each word token replaced by `fn(word)`, the rest left as it is. */
export function mapWords(normalized: string, fn: (word: string) => string): string {
  return normalized.replace(WORD, fn);
}

/** normalize + words. */
export function tokenize(text: string): string[] {
  return words(normalize(text));
}
