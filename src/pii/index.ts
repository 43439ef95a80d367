/**
 * The PII shield: detect personal data, swap it for typed tokens, and put it back.
 *
 *   const { redacted, state } = redact('Mail me at anna@example.com', { locale: 'en' }, previousState);
 *   // redacted: 'Mail me at <EMAIL_1>'; persist sealState(state, keyring) with the conversation
 *   restore('I wrote to <EMAIL_1>', state) // 'I wrote to anna@example.com'
 */
import { detect } from './detect.ts';
import { piiSettingsSchema, type PiiSettings, type PiiSettingsInput } from './settings.ts';
import { emptyState, restore, tokenise, type Entity, type TokenState } from './tokens.ts';

export interface RedactResult {
  redacted: string;
  entities: Entity[];
  /** token -> value for the tokens in this text. */
  tokens: Record<string, string>;
  /** The conversation's token state after this text: persist it (sealed) and pass it back. */
  state: TokenState;
}

// Settings objects are parsed once, not on every message of a conversation.
const parsed = new WeakMap<object, PiiSettings>();

export function resolveSettings(opts: PiiSettingsInput = {}): PiiSettings {
  let settings = parsed.get(opts);
  if (!settings) {
    settings = piiSettingsSchema.parse(opts);
    parsed.set(opts, settings);
  }
  return settings;
}

/** Redacts one text; pass the conversation's state so repeated values keep their token. */
export function redact(text: string, opts: PiiSettingsInput = {}, state: TokenState = emptyState()): RedactResult {
  const spans = detect(text, resolveSettings(opts));
  return tokenise(text, spans, state);
}

export { detect, restore, emptyState };
export { BUILTIN_TYPES, type BuiltinType, type EntityType, type Span } from './types.ts';
export { piiSettingsSchema, type PiiSettings, type PiiSettingsInput, type CustomPattern } from './settings.ts';
export type { Entity, TokenState, TokenVault } from './tokens.ts';
export {
  encrypt,
  decrypt,
  reencrypt,
  keyIdOf,
  sealState,
  openState,
  keyringFromEnv,
  vaultKey,
  generateKey,
  VaultError,
  type Keyring,
  type VaultKey,
  type VaultStore,
} from './vault.ts';
