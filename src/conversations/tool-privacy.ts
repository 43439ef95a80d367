import { BUILTIN_TYPES, redact, restore, type PiiSettingsInput, type TokenState } from '../pii/index.ts';
import { tokenise } from '../pii/tokens.ts';
import type { ToolDefinition } from '../actions/types.ts';

// Tool calls in a live conversation cross the PII shield twice. The runner (and a model, a
// webhook, the events) works on redacted text, so a call's arguments carry tokens such as
// <EMAIL_1>: they are put back from the conversation's vault just before the HTTP call. The
// company's answer is full of personal data (names, addresses, e-mails): it is tokenised
// before anything keeps or shows it, in the same vault, so <PERSON_1> in a result and in the
// customer's own words is the same person.

/** Result fields that hold personal data whatever their value looks like (tau-retail's users and orders, common API names). */
const PERSONAL_FIELDS: Record<string, string> = {
  email: 'EMAIL',
  email_address: 'EMAIL',
  phone: 'PHONE',
  phone_number: 'PHONE',
  first_name: 'PERSON',
  last_name: 'PERSON',
  full_name: 'PERSON',
  customer_name: 'PERSON',
  address: 'ADDRESS',
  address1: 'ADDRESS',
  address2: 'ADDRESS',
  street: 'ADDRESS',
  city: 'ADDRESS',
  zip: 'POSTCODE',
  zip_code: 'POSTCODE',
  postcode: 'POSTCODE',
  postal_code: 'POSTCODE',
  last_four: 'CARD',
  date_of_birth: 'DATE_OF_BIRTH',
  dob: 'DATE_OF_BIRTH',
};

const IDENTIFIER = /(?:^|_)ids?$/i;
const WHOLE_TOKEN = /^<[A-Z][A-Z0-9_]*_\d+>$/;

// Names are read by the field they stand in (first_name, last_name): a product called "Office
// Chair" is no person. Other free text keeps every other detector. The runner's words (replies,
// summaries) are read the same way: a name in them came from a field or the customer's redacted
// line, so it is a token already.
const freeTextCache = new WeakMap<object, PiiSettingsInput>();
export function freeTextSettings(settings: PiiSettingsInput): PiiSettingsInput {
  let s = freeTextCache.get(settings);
  if (!s) {
    s = { ...settings, enabled: (settings.enabled ?? BUILTIN_TYPES).filter((t) => t !== 'PERSON') };
    freeTextCache.set(settings, s);
  }
  return s;
}

/** The token type of account ids (user_id): they often spell the customer's name ("noah_brown_6181"). */
export const ACCOUNT_TYPE = 'ACCOUNT';

/** The fields of a tool's result that name an account (its owner field, its verified identity, its identity argument). */
export function accountFields(tool: ToolDefinition): string[] {
  return [
    ...new Set(['user_id', tool.identityArg, tool.ownerField, tool.verifies?.resultField].filter((f): f is string => f !== undefined)),
  ];
}

/** Tokenises one whole value as `type` (known to be personal by where it stands). */
export function tokeniseValue(value: string, type: string, state: TokenState): { token: string; state: TokenState } {
  // A token already (arguments built from redacted words and earlier results) stays itself.
  if (!value.trim() || WHOLE_TOKEN.test(value)) return { token: value, state };
  const t = tokenise(value, [{ type, start: 0, end: value.length, score: 1 }], state);
  return { token: t.redacted, state: t.state };
}

/** Puts the vault's values back into every string of a call's arguments (only here, just before the HTTP call). */
export function detokenise<T>(value: T, state: TokenState): T {
  if (typeof value === 'string') return restore(value, state) as T;
  if (Array.isArray(value)) return value.map((v) => detokenise(v, state)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detokenise(v, state)])) as T;
  return value;
}

/**
 * A result (or arguments) through the shield: personal fields and account ids become tokens
 * whole; every other string goes through the detectors. Returns the shielded copy and the
 * vault with any new tokens.
 */
export function shieldValue(
  value: unknown,
  state: TokenState,
  settings: PiiSettingsInput,
  accounts: readonly string[],
): { value: unknown; state: TokenState } {
  let current = state;
  const freeText = freeTextSettings(settings);
  const walk = (v: unknown, key: string | null): unknown => {
    const type = key === null ? null : accounts.includes(key) ? ACCOUNT_TYPE : (PERSONAL_FIELDS[key.toLowerCase()] ?? null);
    if (typeof v === 'string') {
      if (type) {
        const t = tokeniseValue(v, type, current);
        current = t.state;
        return t.token;
      }
      // Identifiers (order_id, product_id, item_ids, tracking_id) are the company's own keys, not
      // personal data; read as free text, a ten-digit product id looks like a phone number.
      if (key !== null && IDENTIFIER.test(key)) return v;
      const r = redact(v, freeText, current);
      current = r.state;
      return r.redacted;
    }
    if (typeof v === 'number' && type) return walk(String(v), key);
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  // A plain-string result of a verification tool (resultField "") is the account id itself.
  const shielded = typeof value === 'string' && accounts.includes('') ? walk(value, '') : walk(value, null);
  return { value: shielded, state: current };
}
