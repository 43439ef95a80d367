import { luhnValid } from '../checksums.ts';
import { boost, hasCue, isBounded } from '../context.ts';
import type { Detector, Span } from '../types.ts';

// 12 (Maestro) to 19 digits, optionally grouped by single spaces or dashes (4-4-4-4, 4-6-5 ...).
const CANDIDATE = /\d(?:[ -]?\d){11,18}/g;

// Issuer prefixes (IIN ranges) of the networks in use: Visa 4, Mastercard 51-55 and
// 2221-2720, Amex 34/37, Discover 6011/644-649/65, JCB 35/1800/2131, Diners 30/36/38/39,
// UnionPay 62, Maestro 50/56-69. A Luhn-valid number outside them is likely a reference.
const ISSUER = /^(?:4|5[0-9]|2[2-7]|3[0-9]|6|1800|2131)/;

const CARD_CUE = /(card|visa|master ?card|amex|credit|debit|karte|carte|tarjeta|carta|cc|cvv|expir)/;
// Numbers people quote in support chats that can be Luhn-valid by chance.
const NOT_CARD_CUE = /(order|invoice|tracking|parcel|shipment|reference|ref\.?|ticket|case|booking|confirmation|bestell|commande|pedido|ordine|auftrag|rechnung|facture|factura|imei|serial|account no)\s*(?:n(?:o|umber|r)\.?|id|:)?\s*[:#]?\s*$/;

export const detectCard: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!isBounded(text, start, end)) continue;
    const digits = m[0].replace(/[ -]/g, '');
    // 12 digits only for Maestro (50, 56-69) and only when the text talks about a card.
    if (digits.length === 12 && !(/^(?:50|5[6-9]|6)/.test(digits) && hasCue(text, start, end, CARD_CUE, 40))) continue;
    // Mixed separators ("1234-5678 9012") are more often two numbers than one card.
    if (/ /.test(m[0]) && /-/.test(m[0])) continue;
    if (!ISSUER.test(digits) || !luhnValid(digits)) continue;
    let score = 0.8;
    // The nearest cue decides: "card 4111..., order 4111..." has one card, one order.
    if (hasCue(text, start, end, NOT_CARD_CUE, 25)) score = 0.3;
    else if (hasCue(text, start, end, CARD_CUE, 40)) score = boost(score, 0.15);
    spans.push({ type: 'CARD', start, end, score });
  }
  return spans;
};
