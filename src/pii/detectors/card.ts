import { luhnValid } from '../checksums.ts';
import { boost, countDigits, hasCue, isBounded } from '../context.ts';
import type { Detector, Span } from '../types.ts';

// A run of digit groups joined by single spaces or dashes: "4111 1111 1111 1111 12/26",
// "order 7 4111-1111-...". A card is some consecutive groups of such a run, not
// necessarily all of it, so every window of groups is tried (see cardsInRun).
const RUN = /\d+(?:[ -]\d+)*/g;

// Issuer prefixes (IIN ranges) of the networks in use: Visa 4, Mastercard 51-55 and
// 2221-2720, Amex 34/37, Discover 6011/644-649/65, JCB 35/1800/2131, Diners 30/36/38/39,
// UnionPay 62, Maestro 50/56-69. A Luhn-valid number outside them is likely a reference.
const ISSUER = /^(?:4|5[0-9]|2[2-7]|3[0-9]|6|1800|2131)/;

const CARD_CUE = /(card|visa|master ?card|amex|credit|debit|karte|carte|tarjeta|carta|cc|cvv|expir)/;
// Numbers people quote in support chats that can be Luhn-valid by chance.
const NOT_CARD_CUE =
  /(order|invoice|tracking|parcel|shipment|reference|ref\.?|ticket|case|booking|confirmation|bestell|commande|pedido|ordine|auftrag|rechnung|facture|factura|imei|serial|account no)\s*(?:n(?:o|umber|r)\.?|id|:)?\s*[:#]?\s*$/;

interface Group {
  start: number;
  end: number;
  /** The separator before this group ('' for the first of a run). */
  separator: string;
}

export const detectCard: Detector = (text) => {
  if (countDigits(text) < 12) return [];
  const spans: Span[] = [];
  for (const m of text.matchAll(RUN)) {
    if (m[0].length < 12) continue;
    for (const [start, end] of cardsInRun(text, m[0], m.index)) {
      let score = 0.8;
      // The nearest cue decides: "card 4111..., order 4111..." has one card, one order.
      if (hasCue(text, start, end, NOT_CARD_CUE, 25)) score = 0.3;
      else if (hasCue(text, start, end, CARD_CUE, 40)) score = boost(score, 0.15);
      spans.push({ type: 'CARD', start, end, score });
    }
  }
  return spans;
};

/**
 * The card numbers in one run of digit groups, as [start, end) offsets in the text. Every
 * window of whole consecutive groups that could be a card number is tried (isCard), and
 * overlapping hits are joined: a chance hit that takes in digits around a card then widens
 * the redaction rather than leaving part of the card in clear. A run without separators
 * is one group: a long digit string is not searched inside (a 20-digit reference holds
 * Luhn-valid 16-digit pieces by chance).
 */
function cardsInRun(text: string, run: string, offset: number): Array<[number, number]> {
  const groups: Group[] = [];
  for (const g of run.matchAll(/\d+/g)) {
    groups.push({ start: offset + g.index, end: offset + g.index + g[0].length, separator: g.index > 0 ? run[g.index - 1]! : '' });
  }
  const found: Array<[number, number]> = [];
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length; j++) {
      // Mixed separators ("1234-5678 9012") are more often two numbers than one card.
      if (j > i + 1 && groups[j]!.separator !== groups[i + 1]!.separator) break;
      digits += text.slice(groups[j]!.start, groups[j]!.end);
      if (digits.length > 19) break;
      const [start, end] = [groups[i]!.start, groups[j]!.end];
      if (!isCard(text, digits, start, end)) continue;
      const last = found.at(-1);
      if (last && start < last[1]) last[1] = Math.max(last[1], end);
      else found.push([start, end]);
    }
  }
  return found;
}

/** 12 to 19 digits with an issuer prefix and a valid Luhn digit, standing alone. */
function isCard(text: string, digits: string, start: number, end: number): boolean {
  if (digits.length < 12 || !ISSUER.test(digits) || !luhnValid(digits) || !isBounded(text, start, end)) return false;
  // 12 digits only for Maestro (50, 56-69) and only when the text talks about a card.
  return digits.length > 12 || (/^(?:50|5[6-9]|6)/.test(digits) && hasCue(text, start, end, CARD_CUE, 40));
}
