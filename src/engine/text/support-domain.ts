// Words of the business of customer support in general (orders, money, accounts, delivery,
// products), whatever a workspace's knowledge says. A question in them is a support matter the
// knowledge happens not to cover ("I did not authorize this charge" to a knowledge that never says
// "charge"): a person can take it, so it is never treated as off-topic (trivia, another business),
// which gets "not something I can help with here". A closed class, so a word list is the right tool.
import { stem } from './stem.ts';
import { words } from './normalize.ts';
import { SUPPORT_SYNONYMS } from './synonyms.ts';
import { isStopword } from './stopwords.ts';

// prettier-ignore
const DOMAIN = [
  // Orders, products and stock
  'order', 'purchase', 'buy', 'bought', 'sell', 'sold', 'item', 'product', 'stock', 'size', 'price', 'cost', 'quote',
  'shop', 'store', 'warranty', 'guarantee', 'repair', 'return', 'exchange', 'complaint', 'service', 'booking', 'reservation',
  'appointment', 'ticket',
  // Money
  'charge', 'charged', 'payment', 'pay', 'paid', 'money', 'card', 'bank', 'transfer', 'transaction', 'fee', 'bill', 'billing',
  'refund', 'invoice', 'receipt', 'discount', 'coupon', 'voucher', 'credit', 'debit', 'balance', 'deposit', 'loan', 'authorize',
  'authorise', 'unauthorized', 'unauthorised', 'fraud', 'scam',
  // Accounts and access
  'account', 'login', 'password', 'username', 'email', 'profile', 'subscription', 'membership', 'plan', 'app', 'website',
  'site', 'verification', 'verify', 'code',
  // Delivery
  'delivery', 'deliver', 'delivered', 'shipping', 'ship', 'shipped', 'parcel', 'package', 'courier', 'tracking', 'address',
  'arrive', 'arrived',
];

// The synonym phrases' content words only ("in pieces", "log on": not "in", "on").
const STEMS = new Set([...DOMAIN, ...SUPPORT_SYNONYMS.flat().flatMap((p) => words(p).filter((w) => !isStopword(w)))].map(stem));

/** The words of the trade in a normalised message (what made it a support matter). */
export const supportWords = (normalized: string): string[] => words(normalized).filter((w) => STEMS.has(stem(w)));

/** Whether a normalised message names a support matter (any word of the trade, English). */
export function namesSupportMatter(normalized: string): boolean {
  return supportWords(normalized).length > 0;
}
