import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod97 } from '../checksums.ts';
import { detect } from '../detect.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';

// Property tests: a valid card number or IBAN is redacted whatever surrounds it (other
// digits, dates, CVVs, a second card or IBAN, words), as long as a space separates it.

/** The Luhn check digit that makes `body + digit` valid. */
function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** A Luhn-valid number of a network (prefix and length), grouped the way people type it. */
const card = fc
  .record({
    network: fc.constantFrom(...(['4:16', '51:16', '2221:16', '34:15', '37:15', '6011:16', '35:16', '62:19', '4:19'] as const)),
    filler: digitString(20, 20),
    separator: fc.constantFrom(' ', '-', ''),
  })
  .map(({ network, filler, separator }) => {
    const [prefix, length] = network.split(':') as [string, string];
    const body = (prefix + filler).slice(0, Number(length) - 1);
    const digits = body + luhnDigit(body);
    return digits.match(/.{1,4}/g)!.join(separator);
  });

const IBAN_LENGTHS = { DE: 22, GB: 22, FR: 27, NL: 18, ES: 24, IT: 27, BE: 16, CH: 21, NO: 15, PL: 28 } as const;

/** A valid IBAN (check digits computed), compact or printed in groups of four. */
const iban = fc
  .record({
    country: fc.constantFrom(...(Object.keys(IBAN_LENGTHS) as Array<keyof typeof IBAN_LENGTHS>)),
    bban: fc.array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), { minLength: 30, maxLength: 30 }),
    grouped: fc.boolean(),
  })
  .map(({ country, bban, grouped }) => {
    const body = bban.join('').slice(0, IBAN_LENGTHS[country] - 4);
    const check = String(98 - mod97(`${body}${country}00`)).padStart(2, '0');
    const compact = country + check + body;
    return grouped ? compact.match(/.{1,4}/g)!.join(' ') : compact;
  });

/** What people write around such numbers: words, digit groups, dates, CVVs, punctuation. */
const surrounding = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'my',
        'card',
        'visa',
        'please',
        'thanks',
        'and',
        'exp',
        'cvv',
        'pay',
        'to',
        'from',
        'iban',
        'here:',
        'is',
        'ok.',
        '(',
        ')',
      ),
      digitString(1, 6),
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 24, max: 35 })).map(([m, y]) => `${m}/${y}`),
    ),
    { maxLength: 5 },
  )
  .map((words) => words.join(' '));

/**
 * True when one redacted span covers every character of [start, end). Its type may be
 * another's when a wider span takes the number in (an address detector may read
 * "24 DE47 0000 ..." as a house number and street); what matters is that nothing leaks.
 */
function covered(text: string, start: number, end: number): boolean {
  return detect(text, DEFAULT_SETTINGS).some((s) => s.start <= start && end <= s.end);
}

function embedsAll(values: string[], before: string, between: string, after: string): { text: string; at: Array<[number, number]> } {
  let text = before ? `${before} ` : '';
  const at: Array<[number, number]> = [];
  values.forEach((v, i) => {
    if (i > 0) text += between ? ` ${between} ` : ' ';
    at.push([text.length, text.length + v.length]);
    text += v;
  });
  if (after) text += ` ${after}`;
  return { text, at };
}

describe('numbers embedded in other text', () => {
  it('redacts every card number, whatever digits and words surround it', () => {
    fc.assert(
      fc.property(
        fc.array(card, { minLength: 1, maxLength: 2 }),
        surrounding,
        surrounding,
        surrounding,
        (cards, before, between, after) => {
          const { text, at } = embedsAll(cards, before, between, after);
          for (const [start, end] of at) expect(covered(text, start, end), text).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('redacts every IBAN in a message, not only the first', () => {
    fc.assert(
      fc.property(
        fc.array(iban, { minLength: 1, maxLength: 3 }),
        surrounding,
        surrounding,
        surrounding,
        (ibans, before, between, after) => {
          const { text, at } = embedsAll(ibans, before, between, after);
          for (const [start, end] of at) expect(covered(text, start, end), text).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['card 4111 1111 1111 1111 12/26', 'CARD', '4111 1111 1111 1111'],
    ['card 4111 1111 1111 1111 123', 'CARD', '4111 1111 1111 1111'],
    ['card 4111 1111 1111 1111 2027', 'CARD', '4111 1111 1111 1111'],
    ['order 7 4111 1111 1111 1111', 'CARD', '4111 1111 1111 1111'],
    ['4111 1111 1111 1111 5500 0000 0000 0004', 'CARD', '4111 1111 1111 1111'],
    ['4111 1111 1111 1111 5500 0000 0000 0004', 'CARD', '5500 0000 0000 0004'],
    ['DE89 3704 0044 0532 0130 00 and GB82 WEST 1234 5698 7654 32', 'IBAN', 'GB82 WEST 1234 5698 7654 32'],
    ['DE89370400440532013000, GB82WEST12345698765432', 'IBAN', 'GB82WEST12345698765432'],
    // An "address" read across both IBANs loses to the second; the first must not go with it.
    ['0 DE90 0000 0000 0000 S000 00 DE36 0000 0000 0000 0000 00', 'IBAN', 'DE90 0000 0000 0000 S000 00'],
    // The address around an IBAN loses to a phone number read across its end; the IBAN must win that back.
    ['0 DE90 0000 0000 X000 000W 31 00 00 1/24', 'IBAN', 'DE90 0000 0000 X000 000W 31'],
  ])('%j: %s %j', (text, type, value) => {
    expect(detect(text, DEFAULT_SETTINGS).map((s) => [s.type, text.slice(s.start, s.end)])).toContainEqual([type, value]);
  });
});
