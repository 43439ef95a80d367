// Verbs of ending said of a service, written as the shop's own verb: "end my plan", "kill my
// account", "terminate the contract" → "cancel …". Customers end plans and kill orders in the
// words people use of a life, and the safety detector read "I'd like to end my plan at the end of
// this billing cycle" as self-harm (0.66 for "i want to end my plan"); with "cancel" in its place
// the line is plainly ordinary (0.99). Used only for the detector's check that an urgent reading
// is not the wording alone (understand/signals/model.ts); "end my life" is left as it is.

/** What a customer cancels: nouns that name a service, an order or an account, never a person or a life. */
const SERVICE_NOUNS = [
  'plan',
  'plans',
  'subscription',
  'subscriptions',
  'sub',
  'membership',
  'contract',
  'trial',
  'account',
  'order',
  'orders',
  'booking',
  'reservation',
  'policy',
  'service',
  'package',
  'renewal',
  'mandate',
];

/**
 * A verb of ending, an optional determiner and one optional modifier ("my free trial", "order
 * 90214"), then a service noun. Already-normalised text (lower case, normalize.ts).
 */
const ENDING_A_SERVICE = new RegExp(
  String.raw`\b(?:end|ends|ended|ending|kill|kills|killed|killing|terminate|terminates|terminated|terminating)` +
    String.raw`(\s+(?:(?:my|the|this|that|our|these|those)\s+)?(?:[\p{L}\p{N}-]+\s+)?(?:${SERVICE_NOUNS.join('|')})\b)`,
  'gu',
);

/** The text with verbs of ending a service written as "cancel". */
export function cancelWording(normalized: string): string {
  return normalized.replace(ENDING_A_SERVICE, 'cancel$1');
}
