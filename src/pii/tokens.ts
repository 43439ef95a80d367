import type { Span } from './types.ts';

/**
 * Token state of one conversation: which value got which token. Plain JSON so the core
 * can persist it (sealed by the vault, see vault.ts) and pass it back on the next turn;
 * the same e-mail in turn 1 and turn 7 is then <EMAIL_1> both times.
 */
export interface TokenState {
  version: 1;
  /** Last number handed out per type. */
  counters: Record<string, number>;
  /** token -> original value, e.g. "<EMAIL_1>" -> "anna@example.com". */
  values: Record<string, string>;
  /** "TYPE normalised value" -> token, to reuse a token for a value seen before. */
  index: Record<string, string>;
}

export function emptyState(): TokenState {
  return { version: 1, counters: {}, values: {}, index: {} };
}

export interface Entity {
  type: string;
  start: number;
  end: number;
  score: number;
  token: string;
}

export interface Tokenised {
  redacted: string;
  entities: Entity[];
  /** The tokens used in this text and their values (a subset of the state's values). */
  tokens: Record<string, string>;
  state: TokenState;
}

/**
 * Replaces disjoint, sorted spans by typed tokens. Pure: the given state is not changed;
 * the returned one holds the new tokens.
 */
export function tokenise(text: string, spans: readonly Span[], state: TokenState = emptyState()): Tokenised {
  const next: TokenState = { version: 1, counters: { ...state.counters }, values: { ...state.values }, index: { ...state.index } };
  const entities: Entity[] = [];
  const tokens: Record<string, string> = {};
  let redacted = '';
  let cursor = 0;
  for (const span of spans) {
    const value = text.slice(span.start, span.end);
    const key = `${span.type} ${normalise(span.type, value)}`;
    let token = next.index[key];
    if (!token) {
      const n = (next.counters[span.type] ?? 0) + 1;
      next.counters[span.type] = n;
      token = `<${span.type}_${n}>`;
      next.index[key] = token;
      next.values[token] = value;
    }
    tokens[token] = next.values[token];
    entities.push({ type: span.type, start: span.start, end: span.end, score: span.score, token });
    redacted += text.slice(cursor, span.start) + token;
    cursor = span.end;
  }
  redacted += text.slice(cursor);
  return { redacted, entities, tokens, state: next };
}

/** Anything that maps a token to its value: a TokenState, its values, or a Map. */
export type TokenVault = Pick<TokenState, 'values'> | Record<string, string> | ReadonlyMap<string, string>;

const TOKEN = /<([A-Z][A-Z0-9_]*)_(\d+)>/g;

/** Puts original values back in place of the tokens a vault knows; others stay as they are. */
export function restore(redacted: string, vault: TokenVault): string {
  const lookup = toLookup(vault);
  return redacted.replace(TOKEN, (token) => lookup(token) ?? token);
}

function toLookup(vault: TokenVault): (token: string) => string | undefined {
  if (vault instanceof Map) return (t) => vault.get(t);
  const values =
    'values' in vault && typeof vault.values === 'object' ? (vault.values as Record<string, string>) : (vault as Record<string, string>);
  return (t) => (Object.hasOwn(values, t) ? values[t] : undefined);
}

/**
 * Two spellings of one value should share a token: e-mails and names ignore case and
 * spacing, numbers ignore their separators.
 */
function normalise(type: string, value: string): string {
  switch (type) {
    case 'PHONE':
    case 'CARD':
    case 'SSN':
      return value.replace(/[^\d+]/g, '');
    case 'IBAN':
    case 'NINO':
    case 'NATIONAL_ID':
    case 'POSTCODE':
      return value.replace(/[\s-]/g, '').toUpperCase();
    default:
      return value.replace(/\s+/g, ' ').trim().toLowerCase();
  }
}
